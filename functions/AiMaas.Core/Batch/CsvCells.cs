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
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            line.Append(value);
        }
    }

    public static void AppendNumber(StringBuilder line, float value)
    {
        if (float.IsFinite(value))
        {
            line.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }
}
