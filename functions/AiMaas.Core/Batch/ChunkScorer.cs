using System.Buffers;
using System.Text.Json;
using AiMaas.Core.Data;
using AiMaas.Core.Datasets;
using AiMaas.Core.Serving;
using Microsoft.ML.Data;

namespace AiMaas.Core.Batch;

/// <summary>
/// Gathers one chunk of input rows column by column as they are read (numbers parsed at once, so a chunk holds floats,
/// not the rows' text), scores the chunk through the model's own scorer (the predict path's), and renders the result in
/// UTF-8: CSV lines of kept columns then predictions, and a JSON line per row that could not be scored. Reused chunk after
/// chunk; not thread-safe.
/// </summary>
public sealed class ChunkScorer
{
    private const int InitialRows = 4096;

    private readonly LoadedModel _model;
    private readonly int _keepOffset;
    private readonly int _keepCount;
    private readonly Array[] _columns;
    // Two of each, used in turn: a chunk's output is uploaded while the next chunk is gathered and rendered.
    private readonly ArrayBufferWriter<byte>[] _csvs = [new(1 << 16), new(1 << 16)];
    private readonly ArrayBufferWriter<byte>[] _errorBuffers = [new(256), new(256)];
    private int _turn;
    private string?[] _kept;
    private int _capacity;
    private int _good;

    /// <summary>A scorer for the model's features and the kept columns; a problem when a feature has a type batch scoring does not read.</summary>
    public static Result<ChunkScorer> Create(LoadedModel model, IReadOnlyList<string> keepColumns)
    {
        foreach (var column in model.InputSchema)
        {
            if (column.Type is not NumberDataViewType and not TextDataViewType)
            {
                return Problem.Invalid($"Feature '{column.Name}' has type {column.Type}, which batch scoring does not read.");
            }
        }

        return new ChunkScorer(model, keepColumns);
    }

    private ChunkScorer(LoadedModel model, IReadOnlyList<string> keepColumns)
    {
        _model = model;
        Columns = [.. model.InputSchema.Select(c => c.Name), .. keepColumns];
        Numeric = [.. model.InputSchema.Select(c => c.Type is NumberDataViewType), .. keepColumns.Select(_ => false)];
        _keepOffset = model.InputSchema.Count;
        _keepCount = keepColumns.Count;
        _capacity = InitialRows;
        _columns = [.. model.InputSchema.Select(c => c.Type is NumberDataViewType ? (Array)new float[_capacity] : new ReadOnlyMemory<char>[_capacity])];
        _kept = new string?[_capacity * _keepCount];
        Header = ChunkHeader.Build(model.Manifest, keepColumns);
    }

    /// <summary>Which of <see cref="Columns"/> are numeric features, which the reader may parse itself.</summary>
    public IReadOnlyList<bool> Numeric { get; }

    /// <summary>The input columns read: the features, then the kept columns.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The CSV header line of <c>predictions.csv</c>, UTF-8.</summary>
    public byte[] Header { get; }

    /// <summary>Rows added since the last <see cref="Clear"/>, good and bad.</summary>
    public int Rows => _good + Failed;

    public int Failed { get; private set; }

    /// <summary>Takes one row into the chunk: its features into the columns, or, when it cannot be scored, a line of errors.</summary>
    public void Add(InputRow row)
    {
        if (_good == _capacity)
        {
            Grow();
        }

        var problem = row.Error ?? Assign(row, _good);
        if (problem is not null)
        {
            AppendError(row, problem);
            Failed++;
            return;
        }

        for (var k = 0; k < _keepCount; k++)
        {
            _kept[(_good * _keepCount) + k] = row.Values[_keepOffset + k];
        }

        _good++;
    }

    private ArrayBufferWriter<byte> CsvBuffer => _csvs[_turn];

    private ArrayBufferWriter<byte> ErrorBuffer => _errorBuffers[_turn];

    /// <summary>Scores the chunk's good rows and renders both outputs; they stay valid through the next chunk, until the <see cref="Clear"/> after it.</summary>
    public (ReadOnlyMemory<byte> Csv, ReadOnlyMemory<byte> Errors, int Scored) Score(bool withHeader)
    {
        CsvBuffer.ResetWrittenCount();
        if (withHeader)
        {
            CsvBuffer.Write(Header);
        }

        if (_good > 0)
        {
            var scored = _model.Scorer.Score(new TabularDataView(_model.InputSchema, _columns, _good));
            ChunkWriter.Write(CsvBuffer, scored, _kept, _keepCount, _good);
        }

        return (CsvBuffer.WrittenMemory, ErrorBuffer.WrittenMemory, _good);
    }

    /// <summary>Empties the chunk for the next one, which renders into the other pair of buffers (the last chunk's output stays as it is).</summary>
    public void Clear()
    {
        Array.Clear(_kept, 0, _good * _keepCount);
        foreach (var column in _columns)
        {
            if (column is ReadOnlyMemory<char>[] texts)
            {
                Array.Clear(texts, 0, _good);
            }
        }

        _good = 0;
        Failed = 0;
        _turn = 1 - _turn;
        CsvBuffer.ResetWrittenCount();
        ErrorBuffer.ResetWrittenCount();
    }

    private string? Assign(InputRow row, int index)
    {
        var schema = _model.InputSchema;
        for (var c = 0; c < _columns.Length; c++)
        {
            var value = row.Values[c];
            if (_columns[c] is float[] numbers)
            {
                if (value is null)
                {
                    numbers[index] = row.Numbers?[c] ?? float.NaN;
                }
                else if (ColumnTypeInference.IsMissing(value))
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
                ((ReadOnlyMemory<char>[])_columns[c])[index] = (value ?? "").AsMemory();
            }
        }

        return null;
    }

    private void Grow()
    {
        _capacity *= 2;
        for (var c = 0; c < _columns.Length; c++)
        {
            _columns[c] = _columns[c] switch
            {
                float[] numbers => Resize(numbers, _capacity),
                var texts => Resize((ReadOnlyMemory<char>[])texts, _capacity),
            };
        }

        Array.Resize(ref _kept, _capacity * _keepCount);
    }

    private static T[] Resize<T>(T[] array, int length)
    {
        Array.Resize(ref array, length);
        return array;
    }

    private void AppendError(InputRow row, string problem)
    {
        // Bad rows are the exception: a writer each is fine.
        using (var json = new Utf8JsonWriter(ErrorBuffer))
        {
            json.WriteStartObject();
            json.WriteNumber("row", row.Number);
            json.WriteString("blob", row.Blob);
            json.WriteString("error", problem);
            json.WriteEndObject();
        }

        ErrorBuffer.Write("\n"u8);
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "...");
}
