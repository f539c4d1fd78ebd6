using AiMaas.Core.Datasets;
using AiMaas.Core.Registry;
using Microsoft.ML;

namespace AiMaas.Core.Training.Sources;

/// <summary>
/// The rows a model trains on: profiled once (column types, counts, label values), then read as an ML.NET data view
/// of the features and the label. An inline CSV is held in memory; a dataset is streamed from a local file.
/// </summary>
public abstract class TrainingSource : IDisposable
{
    public abstract DatasetProfile Profile { get; }

    /// <summary>The dataset's rows again, one at a time, as the CSV has them (for statistics beside the model).</summary>
    public abstract IEnumerable<string[]> ReadRows();

    /// <summary>The labelled rows (rows without a label value left out) with the features typed as the model will see them.</summary>
    internal abstract Result<(IDataView Data, int LabelledRows)> Build(MLContext ml, IReadOnlyList<FeatureDefinition> features, int labelIndex, LabelPlan plan);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
