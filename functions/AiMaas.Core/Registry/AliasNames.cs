using System.Text.RegularExpressions;

namespace AiMaas.Core.Registry;

public static partial class AliasNames
{
    public static string? Validate(string? alias) =>
        alias is not null && Pattern().IsMatch(alias)
            ? null
            : "an alias is 1-32 lower-case letters, digits, '-' or '_', starting with a letter (e.g. 'current', 'staging')";

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,31}$")]
    private static partial Regex Pattern();
}
