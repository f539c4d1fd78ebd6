using System.Text;
using System.Text.Json;
using AiMaas.Core.Data;
using AiMaas.Core.Datasets;
using AiMaas.Core.Serving;
using Microsoft.ML.Data;

namespace AiMaas.Core.Batch;

/// <summary>
/// Scores one chunk of input rows through the model's own scorer (the predict path's) and renders the result: CSV lines of
/// kept columns then predictions, and a JSON line per row that could not be scored.
/// </summary>
public sealed class ChunkScorer
{
    private readonly LoadedModel _model;
    private readonly int _keepOffset;
    private readonly int _keepCount;

    public ChunkScorer(LoadedModel model, IReadOnlyList<string> keepColumns)
    {
        _model = model;
        foreach (var column in model.InputSchema)
        {
            if (column.Type is not NumberDataViewType and not TextDataViewType)
            {
                throw new BatchInputException($"Feature '{column.Name}' has type {column.Type}, which batch scoring does not read.");
            }
        }

        Columns = [.. model.InputSchema.Select(c => c.Name), .. keepColumns];
        _keepOffset = model.InputSchema.Count;
        _keepCount = keepColumns.Count;
        Header = BuildHeader(keepColumns);
    }

    /// <summary>The input columns read: the features, then the kept columns.</summary>
    public IReadOnlyList<string> Columns { get; }

    public string Header { get; }

    public (string Csv, string Errors, int Scored, int Failed) Score(IReadOnlyList<InputRow> rows)
    {
        var errors = new StringBuilder();
        var good = new List<InputRow>(rows.Count);
        var schema = _model.InputSchema;
        var columns = schema.Select(c => c.Type is NumberDataViewType ? (Array)new float[rows.Count] : new ReadOnlyMemory<char>[rows.Count]).ToArray();
        foreach (var row in rows)
        {
            var problem = row.Error ?? Assign(row, good.Count, columns);
            if (problem is null)
            {
                good.Add(row);
            }
            else
            {
                AppendError(errors, row, problem);
            }
        }

        if (good.Count == 0)
        {
            return ("", errors.ToString(), 0, rows.Count);
        }

        var scored = _model.Scorer.Score(new TabularDataView(schema, columns, good.Count));
        var csv = new StringBuilder(good.Count * 32);
        for (var i = 0; i < good.Count; i++)
        {
            for (var k = 0; k < _keepCount; k++)
            {
                CsvCells.AppendText(csv, good[i].Values[_keepOffset + k]);
                csv.Append(',');
            }

            switch (scored.Task)
            {
                case TaskKind.Regression:
                    CsvCells.AppendNumber(csv, scored.Scores![i]);
                    break;
                case TaskKind.Binary:
                    csv.Append(scored.BinaryLabels![i] ? "true" : "false").Append(',');
                    CsvCells.AppendNumber(csv, scored.Probabilities![i]);
                    csv.Append(',');
                    CsvCells.AppendNumber(csv, scored.Scores![i]);
                    break;
                default:
                    CsvCells.AppendText(csv, scored.ClassLabels![i]);
                    for (var c = 0; c < scored.ClassCount; c++)
                    {
                        csv.Append(',');
                        CsvCells.AppendNumber(csv, scored.Probabilities![(i * scored.ClassCount) + c]);
                    }

                    break;
            }

            csv.Append('\n');
        }

        return (csv.ToString(), errors.ToString(), good.Count, rows.Count - good.Count);
    }

    private string? Assign(InputRow row, int index, Array[] columns)
    {
        var schema = _model.InputSchema;
        for (var c = 0; c < schema.Count; c++)
        {
            var value = row.Values[c];
            if (columns[c] is float[] numbers)
            {
                if (value is null || ColumnTypeInference.IsMissing(value))
                {
                    numbers[index] = float.NaN;
                }
                else if (ColumnTypeInference.TryParseNumber(value, out var number))
                {
                    numbers[index] = number;
                }
                else
                {
                    return $"{schema[c].Name}: expected a number (or empty when missing), got '{Shorten(value)}'";
                }
            }
            else
            {
                ((ReadOnlyMemory<char>[])columns[c])[index] = (value ?? "").AsMemory();
            }
        }

        return null;
    }

    private static void AppendError(StringBuilder errors, InputRow row, string problem)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("row", row.Number);
            json.WriteString("blob", row.Blob);
            json.WriteString("error", problem);
            json.WriteEndObject();
        }

        errors.Append(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)).Append('\n');
    }

    private string BuildHeader(IReadOnlyList<string> keepColumns)
    {
        var header = new StringBuilder();
        foreach (var column in keepColumns)
        {
            CsvCells.AppendText(header, column);
            header.Append(',');
        }

        switch (_model.Manifest.Task)
        {
            case TaskKind.Regression:
                header.Append("score");
                break;
            case TaskKind.Binary:
                header.Append("label,probability,score");
                break;
            default:
                header.Append("label");
                foreach (var name in _model.Manifest.Classes ?? [])
                {
                    header.Append(',');
                    CsvCells.AppendText(header, "probability_" + name);
                }

                break;
        }

        return header.Append('\n').ToString();
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "...");
}
