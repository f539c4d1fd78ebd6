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

    [GeneratedRegex(@"^\[(?<function>parameters|variables)\('(?<name>[^']+)'\)\]$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"parameters\('(?<name>[^']+)'\)")]
    private static partial Regex ParameterPattern();
}
