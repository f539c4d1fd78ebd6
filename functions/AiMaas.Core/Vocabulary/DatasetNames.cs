namespace AiMaas.Core.Vocabulary;

/// <summary>A dataset is named by its blob path, e.g. <c>iris.csv</c> or <c>2026/houses.csv</c>.</summary>
public static class DatasetNames
{
    /// <summary>Null when <paramref name="name"/> is a valid dataset name; otherwise the problem, naming <paramref name="field"/>.</summary>
    public static Problem? Check(string? name, string field = "dataset") =>
        BrokenRule(name) is { } rule ? Problem.Invalid(field, rule) : null;

    private static string? BrokenRule(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "a dataset name is required, e.g. 'iris.csv' or '2026/houses.csv'";
        }

        if (name.Length > 512)
        {
            return "a dataset name must be at most 512 characters";
        }

        // ASCII only: no control or bidi characters, and no look-alike letters that would make two names read the same.
        var segments = name.Split('/');
        if (segments.Any(s => s.Length == 0 || s is "." or ".." || !s.All(IsNameCharacter)))
        {
            return "a dataset name is a path of non-empty segments separated by '/', each of ASCII letters, digits, '-', '_' or '.', and not '.' or '..'";
        }

        return null;
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
