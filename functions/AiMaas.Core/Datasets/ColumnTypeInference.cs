using System.Globalization;

namespace AiMaas.Core.Datasets;

/// <summary>Infers each column's type from its values: numeric when every non-empty value is a number, categorical otherwise.</summary>
public static class ColumnTypeInference
{
    public static IReadOnlyList<ColumnProfile> Infer(CsvTable table)
    {
        var profiles = new ColumnProfile[table.Headers.Count];
        for (var column = 0; column < profiles.Length; column++)
        {
            profiles[column] = Profile(table, column);
        }

        return profiles;
    }

    public static bool IsMissing(string value) => value.Length == 0 || value is "NA" or "NaN" or "null" or "?";

    public static bool TryParseNumber(string value, out float number) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && float.IsFinite(number);

    private static ColumnProfile Profile(CsvTable table, int column)
    {
        var missing = 0;
        var numeric = true;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var value = row[column];
            if (IsMissing(value))
            {
                missing++;
                continue;
            }

            distinct.Add(value);
            numeric &= TryParseNumber(value, out _);
        }

        // A column with no values at all carries no information; it is reported as numeric and all-missing.
        return new ColumnProfile(table.Headers[column], numeric ? ColumnKind.Number : ColumnKind.Text, missing, distinct.Count);
    }
}
