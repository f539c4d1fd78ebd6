using AiMaas.Core.Datasets;
using AiMaas.Core.Registry;
using Microsoft.ML;

namespace AiMaas.Core.Training.Sources;

/// <summary>An inline CSV already parsed in memory (small by construction: requests limit it).</summary>
public sealed class TableTrainingSource(CsvTable table) : TrainingSource
{
    public override DatasetProfile Profile { get; } = DatasetProfiler.Profile(table.Headers, table.Rows);

    public override IEnumerable<string[]> ReadRows() => table.Rows;

    internal override Result<(IDataView Data, int LabelledRows)> Build(MLContext ml, IReadOnlyList<FeatureDefinition> features, int labelIndex, LabelPlan plan)
    {
        var data = TrainingDataBuilder.Build(table, features, labelIndex, plan);
        if (data.Failed(out var problem))
        {
            return problem;
        }

        return ((IDataView)data.Value, data.Value.RowCount);
    }
}
