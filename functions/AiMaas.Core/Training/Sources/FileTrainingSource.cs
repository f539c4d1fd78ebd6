using AiMaas.Core.Datasets;
using AiMaas.Core.Registry;
using Microsoft.ML;

namespace AiMaas.Core.Training.Sources;

/// <summary>
/// A CSV or Parquet file on local disk, never held in memory: one pass profiles it; a second converts the labelled rows
/// (<see cref="LabelledRowsView"/>) into raw columns in a temporary file (<see cref="SpooledRows"/>), which training then streams. Both
/// files are deleted on dispose (the dataset only when it is owned).
/// </summary>
public sealed class FileTrainingSource : TrainingSource
{
    private readonly string _path;
    private readonly string _format;
    private readonly bool _ownsFile;
    private string? _spoolPath;

    /// <param name="path">The CSV or Parquet file.</param>
    /// <param name="ownsFile">Whether to delete <paramref name="path"/> on dispose.</param>
    /// <param name="onRows">Progress: rows read so far.</param>
    /// <param name="format">A name whose extension says the file's format (<c>.parquet</c> for Parquet); CSV otherwise.</param>
    /// <exception cref="ProblemException">The file is not valid in its format.</exception>
    public FileTrainingSource(string path, bool ownsFile, Action<long>? onRows = null, string format = "data.csv")
    {
        (_path, _ownsFile, _format) = (path, ownsFile, DatasetFormats.IsParquet(format) ? format : "data.csv");
        using var records = Open();
        Profile = DatasetProfiler.Profile(records, onRows);
    }

    public override DatasetProfile Profile { get; }

    public override IEnumerable<string[]> ReadRows()
    {
        using var records = Open();
        foreach (var row in records.ReadAll())
        {
            yield return row;
        }
    }

    internal override Result<(IDataView Data, int LabelledRows)> Build(MLContext ml, IReadOnlyList<FeatureDefinition> features, int labelIndex, LabelPlan plan)
    {
        // The rows are converted once, into raw columns in a temporary file (SpooledRows): the passes training, counting
        // and evaluating make then read that instead of parsing the text again each time.
        _spoolPath = Path.Combine(Path.GetTempPath(), $"aimaas-train-{Guid.NewGuid():N}.columns");
        var rows = new LabelledRowsView(Open, features, features.Select(f => Profile.ColumnIndex(f.Name)).ToArray(), labelIndex, plan);
        var spooled = SpooledRows.Write(rows, _spoolPath);
        return ((IDataView)spooled, (int)spooled.GetRowCount()!.Value);
    }

    protected override void Dispose(bool disposing)
    {
        TryDelete(_spoolPath);
        if (_ownsFile)
        {
            TryDelete(_path);
        }

        base.Dispose(disposing);
    }

    private IDatasetRecords Open() => DatasetFormats.OpenFile(_path, _format);

    private static void TryDelete(string? path)
    {
        try
        {
            if (path is not null)
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // A temporary file still open elsewhere is left to the OS's temp cleanup.
        }
    }
}
