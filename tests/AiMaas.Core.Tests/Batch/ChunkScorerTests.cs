using System.Globalization;
using System.Text;
using AiMaas.Core.Batch;
using AiMaas.Core.Data;
using AiMaas.Core.Datasets;
using AiMaas.Core.Serving;
using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;
using AiMaas.Core.Vocabulary;
using Microsoft.ML.Data;

namespace AiMaas.Core.Tests.Batch;

/// <summary>
/// Differential: what a batch job writes for each row (read from CSV bytes, gathered in column chunks, scored, rendered in
/// UTF-8) must be the model's own prediction for that row alone, on values in the thousands and millions, negative and
/// missing, and exactly what predict answers for it.
/// </summary>
[TestClass]
public sealed class ChunkScorerTests
{
    private static readonly Lazy<TrainedModel> LargeValues = new(() => Models.Train(LargeValuesCsv(rows: 400, seed: 1, withExtras: false), "y"));

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Score_LinearModelOnLargeNegativeAndMissingValues_WritesEachRowsOwnPrediction()
    {
        var loaded = Load(LargeValues.Value);
        var csv = LargeValuesCsv(rows: 2500, seed: 2, withExtras: true);

        var (lines, errors) = await RunAsync(loaded, csv, ["id", "note"], chunkRows: 700);

        Assert.IsTrue(((ModelScorer)loaded.Scorer).IsAffine, "the column-wise path is the one under test");
        var input = Rows(csv);
        var good = input.Where(r => r["a"] != "abc").ToList();
        Assert.AreEqual("id,note,score", lines[0]);
        Assert.HasCount(good.Count + 1, lines);
        Assert.HasCount(input.Count - good.Count, errors);
        var worst = 0.0;
        for (var i = 0; i < good.Count; i++)
        {
            var cells = lines[i + 1].Split(',');
            var actual = float.Parse(cells[^1], CultureInfo.InvariantCulture);
            var own = OwnPrediction(loaded, good[i]).Scores![0];
            var served = loaded.Scorer.Score(View(loaded, good[i])).Scores![0];
            Assert.AreEqual(good[i]["id"], cells[0], "rows in input order");
            Assert.AreEqual(Number(served), cells[^1], $"row {good[i]["id"]}: what predict answers for it");
            Assert.AreEqual(own, actual, 1e-5 * (1 + Math.Abs(own)), $"row {good[i]["id"]}: the model's own transform");
            worst = Math.Max(worst, Math.Abs(own - actual) / (1 + Math.Abs(own)));
        }

        TestContext.WriteLine($"largest relative difference from the model's own transform: {worst:E2}");
    }

    [TestMethod]
    [DataRow(TaskKind.Binary)]
    [DataRow(TaskKind.Multiclass)]
    [DataRow(TaskKind.Regression)]
    public async Task Score_EveryTask_WritesTheModelsOwnPredictionForEachRow(TaskKind task)
    {
        var (model, csv) = task switch
        {
            TaskKind.Binary => (Models.Binary, TestData.Binary(rows: 300, seed: 5)),
            TaskKind.Multiclass => (Models.Multiclass, TestData.Multiclass(rows: 300, seed: 5)),
            _ => (Models.Regression, TestData.Regression(rows: 300, seed: 5)),
        };
        var loaded = Load(model);

        var (lines, errors) = await RunAsync(loaded, csv, [], chunkRows: 128);

        var input = Rows(csv);
        Assert.IsEmpty(errors);
        Assert.HasCount(input.Count + 1, lines);
        for (var i = 0; i < input.Count; i++)
        {
            Assert.AreEqual(Render(OwnPrediction(loaded, input[i])), lines[i + 1], $"row {i + 1}");
        }
    }

    private async Task<(string[] Lines, string[] Errors)> RunAsync(LoadedModel loaded, string csv, string[] keep, int chunkRows)
    {
        var created = ChunkScorer.Create(loaded, keep);
        Assert.IsFalse(created.Failed(out var problem), problem?.Detail);
        var scorer = created.Value;
        var output = new MemoryStream();
        var errors = new MemoryStream();
        var chunks = 0;
        long number = 0;
        void Commit()
        {
            var (bytes, errorBytes, _) = scorer.Score(withHeader: chunks++ == 0);
            output.Write(bytes.Span);
            errors.Write(errorBytes.Span);
            scorer.Clear();
        }

        await foreach (var (values, numbers, error) in CsvRowReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "in.csv", scorer.Columns, scorer.Numeric, TestContext.CancellationToken))
        {
            scorer.Add(new InputRow(++number, "in.csv", values, error, numbers));
            if (scorer.Rows == chunkRows)
            {
                Commit();
            }
        }

        Commit();
        return (Split(output), Split(errors));
    }

    private static string[] Split(MemoryStream stream) =>
        Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static LoadedModel Load(TrainedModel model)
    {
        var (transformer, schema) = ModelServing.Load(model);
        var manifest = ModelServing.Manifest(model);
        return new LoadedModel(manifest, transformer, schema, new ModelScorer(transformer, schema, manifest, parallelThreshold: 64), 0);
    }

    /// <summary>The row alone through ML.NET's own transform, its values parsed from their text as a predict request's would be.</summary>
    private static ScoredBatch OwnPrediction(LoadedModel loaded, Dictionary<string, string> row) =>
        OutputReader.ReadBatch(loaded.Transformer.Transform(View(loaded, row)), loaded.Manifest, 1);

    private static TabularDataView View(LoadedModel loaded, Dictionary<string, string> row) =>
        new(loaded.InputSchema, [.. loaded.InputSchema.Select(c => c.Type is NumberDataViewType ? (Array)new[] { Parse(row[c.Name]) } : new[] { row[c.Name].AsMemory() })], 1);

    private static float Parse(string text) =>
        ColumnTypeInference.IsMissing(text) ? float.NaN : float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Number(float value)
    {
        var text = new StringBuilder();
        CsvCells.AppendNumber(text, value);
        return text.ToString();
    }

    /// <summary>The line as the job wrote it before it rendered UTF-8 itself: the string formatting of the same values.</summary>
    private static string Render(ScoredBatch scored) => scored.Task switch
    {
        TaskKind.Regression => Number(scored.Scores![0]),
        TaskKind.Binary => $"{(scored.BinaryLabels![0] ? "true" : "false")},{Number(scored.Probabilities![0])},{Number(scored.Scores![0])}",
        _ => string.Join(',', [scored.ClassLabels![0], .. scored.Probabilities!.Select(Number)]),
    };

    private static List<Dictionary<string, string>> Rows(string csv)
    {
        var lines = csv.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => SplitLine(l).Select((v, i) => (header[i], v)).ToDictionary(p => p.Item1, p => p.v))];
    }

    /// <summary>Splits a line of the generated CSVs: only the note column is ever quoted, and it holds no line break.</summary>
    private static List<string> SplitLine(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (line[i] == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(line[i]);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    /// <summary>
    /// y = 0.002a - 0.00003b + 40c + 7 over a in ±5,000, b in ±2,000,000 and c in [-1, 1]; with extras, an id and a note
    /// column, missing values (empty, NA) and bad rows (a = abc).
    /// </summary>
    private static string LargeValuesCsv(int rows, int seed, bool withExtras)
    {
        var random = new Random(seed);
        var csv = new StringBuilder(withExtras ? "id,a,b,c,note,y\n" : "a,b,c,y\n");
        string[] notes = ["plain", "=HYPERLINK(1)", "a, b", "say \"hi\"", "-12.5", "é"];
        for (var i = 1; i <= rows; i++)
        {
            var a = (random.NextDouble() - 0.5) * 10_000;
            var b = (random.NextDouble() - 0.5) * 4_000_000;
            var c = (random.NextDouble() * 2) - 1;
            var y = (0.002 * a) - (0.00003 * b) + (40 * c) + 7 + ((random.NextDouble() - 0.5) * 0.1);
            var aText = withExtras && i % 97 == 0 ? "abc" : withExtras && i % 13 == 0 ? "" : TestData.Format(a);
            var bText = withExtras && i % 17 == 0 ? "NA" : b.ToString("0.##", CultureInfo.InvariantCulture);
            if (withExtras)
            {
                var note = notes[i % notes.Length];
                var cell = note.AsSpan().IndexOfAny(",\"") >= 0 ? $"\"{note.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : note;
                csv.Append(CultureInfo.InvariantCulture, $"{i},{aText},{bText},{TestData.Format(c)},{cell},{TestData.Format(y)}\n");
            }
            else
            {
                csv.Append(CultureInfo.InvariantCulture, $"{aText},{bText},{TestData.Format(c)},{TestData.Format(y)}\n");
            }
        }

        return csv.ToString();
    }
}
