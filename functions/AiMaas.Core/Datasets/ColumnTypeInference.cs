using System.Globalization;

namespace AiMaas.Core.Datasets;

/// <summary>Infers each column's type from its values: numeric when every non-empty value is a number, categorical otherwise.</summary>
public static class ColumnTypeInference
{
    public static IReadOnlyList<ColumnProfile> Infer(CsvTable table) => DatasetProfiler.Profile(table.Headers, table.Rows).Columns;

    public static bool IsMissing(string value) => value.Length == 0 || value is "NA" or "NaN" or "null" or "?";

    public static bool TryParseNumber(string value, out float number) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && float.IsFinite(number);
}
