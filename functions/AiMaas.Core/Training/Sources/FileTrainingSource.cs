using System.Globalization;
using System.Text;
using AiMaas.Core.Data;
using AiMaas.Core.Datasets;
using AiMaas.Core.Registry;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Training.Sources;

/// <summary>
/// A CSV or Parquet file on local disk, never held in memory: one pass profiles it; a second writes the labelled rows in a
/// canonical form (numbers round-trippable, missing values empty, text quoted, the label as the task reads it) that
/// ML.NET's <see cref="TextLoader"/> then streams. Both temporary files are deleted on dispose.
/// </summary>
public sealed class FileTrainingSource : TrainingSource
{
    private readonly string _path;
    private readonly string _format;
    private readonly bool _ownsFile;
    private string? _canonical;

    /// <param name="path">The CSV or Parquet file.</param>
    /// <param name="ownsFile">Whether to delete <paramref name="path"/> on dispose.</param>
    /// <param name="onRows">Progress: rows read so far.</param>
    /// <param name="format">A name whose extension says the file's format (<c>.parquet</c> for Parquet); CSV otherwise.</param>
    /// <exception cref="DatasetFormatException">The file is not valid in its format.</exception>
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
        _canonical = Path.Combine(Path.GetTempPath(), $"aimaas-train-{Guid.NewGuid():N}.csv");
        var rows = WriteCanonical(features, labelIndex, plan, _canonical);
        var columns = features
            .Select((f, i) => new TextLoader.Column(f.Name, f.Type == ColumnKind.Number ? DataKind.Single : DataKind.String, i))
            .Append(new TextLoader.Column(ColumnNames.Label, LabelKind(plan.Task), features.Count))
            .Append(new TextLoader.Column(ColumnNames.Row, DataKind.Double, features.Count + 1))
            .ToArray();
        // A context of its own: creating the loader in the training context would draw from its seeded random
        // sequence and change every model trained after it.
        var loader = new MLContext(seed: 0).Data.CreateTextLoader(new TextLoader.Options
        {
            Columns = columns,
            HasHeader = true,
            Separators = [','],
            AllowQuoting = true,
            ReadMultilines = true,
            MissingRealsAsNaNs = true,
        });
        return ((IDataView)new SequentialDataView(loader.Load(_canonical)), rows);
    }

    protected override void Dispose(bool disposing)
    {
        TryDelete(_canonical);
        if (_ownsFile)
        {
            TryDelete(_path);
        }

        base.Dispose(disposing);
    }

    private IDatasetRecords Open() => DatasetFormats.OpenFile(_path, _format);

    private int WriteCanonical(IReadOnlyList<FeatureDefinition> features, int labelIndex, LabelPlan plan, string target)
    {
        using var records = Open();
        var indexes = features.Select(f => Profile.ColumnIndex(f.Name)).ToArray();
        using var writer = new StreamWriter(target, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        writer.WriteLine(string.Join(',', features.Select(f => Quote(f.Name)).Append(Quote(ColumnNames.Label)).Append(Quote(ColumnNames.Row))));
        var rows = 0;
        var line = new StringBuilder();
        foreach (var row in records.ReadAll())
        {
            var label = row[labelIndex];
            if (ColumnTypeInference.IsMissing(label))
            {
                continue;
            }

            line.Clear();
            for (var f = 0; f < features.Count; f++)
            {
                var value = row[indexes[f]];
                if (!ColumnTypeInference.IsMissing(value))
                {
                    line.Append(features[f].Type == ColumnKind.Number ? Number(value) : Quote(value));
                }

                line.Append(',');
            }

            line.Append(plan.Task switch
            {
                TaskKind.Regression => Number(label),
                TaskKind.Binary => plan.TrueValues!.Contains(label) ? "true" : "false",
                _ => Quote(label),
            });
            line.Append(',').Append(rows.ToString(CultureInfo.InvariantCulture));
            writer.WriteLine(line);
            rows++;
        }

        return rows;
    }

    /// <summary>The value as the in-memory path parses it (invariant, finite), written so that it reads back as the same float.</summary>
    private static string Number(string value) =>
        ColumnTypeInference.TryParseNumber(value, out var number) ? ((double)number).ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string value) => $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static DataKind LabelKind(TaskKind task) => task switch
    {
        TaskKind.Regression => DataKind.Single,
        TaskKind.Binary => DataKind.Boolean,
        _ => DataKind.String,
    };

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
