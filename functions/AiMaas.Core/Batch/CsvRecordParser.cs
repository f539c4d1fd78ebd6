using System.Buffers;
using System.Globalization;
using System.Text;

namespace AiMaas.Core.Batch;

/// <summary>
/// Finds the fields of one RFC 4180 record in UTF-8 bytes, without copying them: quoted fields (with <c>""</c> escapes and
/// line breaks inside), <c>\n</c>, <c>\r\n</c> or <c>\r</c> between records, spaces and tabs around a field trimmed as
/// CsvHelper's <c>TrimOptions.Trim</c> does. A quote inside an unquoted field, text after a closing quote, or a quote left
/// open at the end of the input marks the record bad (CsvHelper's <c>BadDataFound</c>); the record still ends where it
/// would have, so the rows after it keep their numbers. Not thread-safe; one per reader.
/// </summary>
internal sealed class CsvRecordParser
{
    private static readonly SearchValues<byte> FieldEnds = SearchValues.Create(",\"\r\n"u8);

    private int[] _starts = new int[32];
    private int[] _ends = new int[32];
    private bool[] _escaped = new bool[32];

    /// <summary>Fields of the last record parsed; 0 for a blank line.</summary>
    public int FieldCount { get; private set; }

    /// <summary>Whether the last record had a stray quote.</summary>
    public bool Bad { get; private set; }

    /// <summary>
    /// Parses the record at the start of <paramref name="data"/>. Returns the bytes it spans, its line break included, or
    /// 0 when <paramref name="data"/> holds only part of it and more input follows (<paramref name="final"/> false).
    /// </summary>
    public int Parse(ReadOnlySpan<byte> data, bool final)
    {
        FieldCount = 0;
        Bad = false;
        if (data.IsEmpty)
        {
            return 0;
        }

        if (data[0] is (byte)'\n' or (byte)'\r')
        {
            return LineBreak(data, 0, final);
        }

        var position = 0;
        while (true)
        {
            var start = SkipBlanks(data, position);
            int end;
            if (start < data.Length && data[start] == '"')
            {
                var quoted = ParseQuoted(data, start, final);
                if (quoted < 0)
                {
                    return 0;
                }

                end = quoted;
                if (end >= data.Length)
                {
                    return data.Length;
                }
            }
            else
            {
                end = ScanUnquoted(data, start);
                if (end < 0)
                {
                    if (!final)
                    {
                        return 0;
                    }

                    Add(start, TrimEnd(data, start, data.Length), escaped: false);
                    return data.Length;
                }

                Add(start, TrimEnd(data, start, end), escaped: false);
            }

            if (data[end] == ',')
            {
                position = end + 1;
                continue;
            }

            return LineBreak(data, end, final);
        }
    }

    /// <summary>The text of field <paramref name="index"/> of the last record, unquoted and unescaped.</summary>
    public string Text(ReadOnlySpan<byte> data, int index)
    {
        var bytes = data[_starts[index].._ends[index]];
        if (bytes.IsEmpty)
        {
            return "";
        }

        var text = Encoding.UTF8.GetString(bytes);
        return _escaped[index] ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : text;
    }

    /// <summary>
    /// Reads field <paramref name="index"/> of the last record as a feature value straight from its bytes: NaN when
    /// missing (as <see cref="Datasets.ColumnTypeInference.IsMissing"/>), false when it is not a finite number.
    /// </summary>
    public bool TryNumber(ReadOnlySpan<byte> data, int index, out float value)
    {
        var bytes = data[_starts[index].._ends[index]];
        if (bytes.IsEmpty || bytes.SequenceEqual("NA"u8) || bytes.SequenceEqual("NaN"u8) || bytes.SequenceEqual("null"u8) || bytes.SequenceEqual("?"u8))
        {
            value = float.NaN;
            return true;
        }

        return !_escaped[index]
            && float.TryParse(bytes, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && float.IsFinite(value)
            || Fail(out value);
    }

    private static bool Fail(out float value)
    {
        value = 0;
        return false;
    }

    /// <summary>A quoted field from its opening quote: the index of the delimiter or line break after it, data.Length at the end of the input, -1 when more input is needed.</summary>
    private int ParseQuoted(ReadOnlySpan<byte> data, int open, bool final)
    {
        var position = open + 1;
        var escaped = false;
        while (true)
        {
            var next = data[position..].IndexOf((byte)'"');
            if (next < 0)
            {
                if (!final)
                {
                    return -1;
                }

                // A quote never closed: CsvHelper reads to the end of the input as one bad field.
                Bad = true;
                Add(open + 1, data.Length, escaped);
                return data.Length;
            }

            position += next;
            if (position + 1 >= data.Length && !final)
            {
                return -1;
            }

            if (position + 1 < data.Length && data[position + 1] == '"')
            {
                escaped = true;
                position += 2;
                continue;
            }

            break;
        }

        var close = position;
        var after = SkipBlanks(data, close + 1);
        if (after >= data.Length)
        {
            if (!final)
            {
                return -1;
            }

            Add(open + 1, close, escaped);
            return data.Length;
        }

        if (data[after] is (byte)',' or (byte)'\r' or (byte)'\n')
        {
            Add(open + 1, close, escaped);
            return after;
        }

        // Text after the closing quote: a bad field that runs to the next delimiter or line break.
        Bad = true;
        var end = ScanUnquoted(data, after);
        if (end < 0)
        {
            if (!final)
            {
                return -1;
            }

            end = data.Length;
        }

        Add(open + 1, close, escaped);
        return end;
    }

    /// <summary>The index of the comma or line break ending an unquoted field, or -1 when the input ends first; a quote on the way marks the record bad.</summary>
    private int ScanUnquoted(ReadOnlySpan<byte> data, int start)
    {
        var position = start;
        while (true)
        {
            var next = data[position..].IndexOfAny(FieldEnds);
            if (next < 0)
            {
                return -1;
            }

            position += next;
            if (data[position] != '"')
            {
                return position;
            }

            Bad = true;
            position++;
        }
    }

    private static int LineBreak(ReadOnlySpan<byte> data, int at, bool final)
    {
        if (data[at] == '\n')
        {
            return at + 1;
        }

        if (at + 1 < data.Length)
        {
            return data[at + 1] == '\n' ? at + 2 : at + 1;
        }

        // A '\r' at the end of what has been read: a '\n' may follow.
        return final ? at + 1 : 0;
    }

    private static int SkipBlanks(ReadOnlySpan<byte> data, int position)
    {
        while (position < data.Length && data[position] is (byte)' ' or (byte)'\t')
        {
            position++;
        }

        return position;
    }

    private static int TrimEnd(ReadOnlySpan<byte> data, int start, int end)
    {
        while (end > start && data[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }

        return end;
    }

    private void Add(int start, int end, bool escaped)
    {
        if (FieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, FieldCount * 2);
            Array.Resize(ref _ends, FieldCount * 2);
            Array.Resize(ref _escaped, FieldCount * 2);
        }

        _starts[FieldCount] = start;
        _ends[FieldCount] = end;
        _escaped[FieldCount] = escaped;
        FieldCount++;
    }
}
