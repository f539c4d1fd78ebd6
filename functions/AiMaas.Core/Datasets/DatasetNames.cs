namespace AiMaas.Core.Datasets;

/// <summary>A dataset is named by its blob path, e.g. <c>iris.csv</c> or <c>2026/houses.csv</c>.</summary>
public static class DatasetNames
{
    public static string? Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "a dataset name is required, e.g. 'iris.csv' or '2026/houses.csv'";
        }

        if (name.Length > 512)
        {
            return "a dataset name must be at most 512 characters";
        }

        var segments = name.Split('/');
        if (segments.Any(s => s.Length == 0 || s is "." or ".." || s.Any(char.IsControl) || s.Contains('\\', StringComparison.Ordinal)))
        {
            return "a dataset name is a path of non-empty segments separated by '/', without '.', '..', backslashes or control characters";
        }

        return null;
    }
}
