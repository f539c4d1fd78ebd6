using System.Text.RegularExpressions;

namespace AiMaas.Core.Vocabulary;

/// <summary>The rule for alias names, and the alias every model is served through by default.</summary>
public static partial class AliasNames
{
    /// <summary>The alias a request means when it names neither a version nor an alias.</summary>
    public const string Current = "current";

    public const string Rule = "an alias is 1-32 lower-case letters, digits, '-' or '_', starting with a letter (e.g. 'current', 'staging')";

    /// <summary>Null when <paramref name="alias"/> is a valid alias name; otherwise the problem, naming <paramref name="field"/>.</summary>
    public static Problem? Check(string? alias, string field = "alias") =>
        alias is not null && Pattern().IsMatch(alias) ? null : Problem.Invalid(field, Rule);

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,31}$")]
    private static partial Regex Pattern();
}
