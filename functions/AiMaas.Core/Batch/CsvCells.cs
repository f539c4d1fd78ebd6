using System.Buffers;
using System.Globalization;
using System.Text;

namespace AiMaas.Core.Batch;

/// <summary>
/// Writes CSV cells (RFC 4180 quoting). A text value that a spreadsheet would run as a formula (starting with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return) and is not a plain number gets a leading <c>'</c> (OWASP CSV injection).
/// </summary>
public static class CsvCells
{
    public static void AppendText(StringBuilder line, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            line.Append(Cell(value));
        }
    }

    public static void AppendNumber(StringBuilder line, float value)
    {
        if (float.IsFinite(value))
        {
            line.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The same cell as <see cref="AppendText(StringBuilder, string?)"/>, in UTF-8.</summary>
    public static void WriteText(IBufferWriter<byte> line, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Encoding.UTF8.GetBytes(Cell(value), line);
        }
    }

    /// <summary>The same cell as <see cref="AppendNumber(StringBuilder, float)"/>, in UTF-8 and without a string in between.</summary>
    public static void WriteNumber(IBufferWriter<byte> line, float value)
    {
        if (float.IsFinite(value))
        {
            var span = line.GetSpan(32);
            if (!value.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("A float took more than 32 bytes to format.");
            }

            line.Advance(written);
        }
    }

    /// <summary>The cell's text: the value itself unless it must be defused or quoted.</summary>
    private static string Cell(string value)
    {
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? string.Concat("\"", value.Replace("\"", "\"\"", StringComparison.Ordinal), "\"")
            : value;
    }
}
