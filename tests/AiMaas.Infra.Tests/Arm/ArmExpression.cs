using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace AiMaas.Infra.Tests.Arm;

/// <summary>Just enough of the ARM expression language to follow simple references.</summary>
internal static partial class ArmExpression
{
    /// <summary>Matches a whole-value reference such as <c>[parameters('name')]</c>.</summary>
    public static bool TryGetReference(string value, string function, [NotNullWhen(true)] out string? name)
    {
        var match = ReferencePattern().Match(value);
        name = match.Success && match.Groups["function"].Value == function ? match.Groups["name"].Value : null;
        return name is not null;
    }

    /// <summary>Gets the names of all parameters an expression reads, e.g. inside <c>format(...)</c>.</summary>
    public static IEnumerable<string> ParameterNames(string value) =>
        ParameterPattern().Matches(value).Select(m => m.Groups["name"].Value);

    /// <summary>Gets the names of all variables an expression reads.</summary>
    public static IEnumerable<string> VariableNames(string value) =>
        VariablePattern().Matches(value).Select(m => m.Groups["name"].Value);

    /// <summary>Replaces each <c>variables('name')</c> for which <paramref name="literal"/> returns a value.</summary>
    public static string ReplaceVariables(string value, Func<string, string?> literal) =>
        VariablePattern().Replace(value, m => literal(m.Groups["name"].Value) ?? m.Value);

    [GeneratedRegex(@"^\[(?<function>parameters|variables)\('(?<name>[^']+)'\)\]$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"parameters\('(?<name>[^']+)'\)")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariablePattern();
}
