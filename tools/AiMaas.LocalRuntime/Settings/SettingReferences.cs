using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace AiMaas.LocalRuntime.Settings;

/// <summary>Resolves <c>%Setting%</c> references in binding expressions, as the Functions host does: anywhere in it, e.g. <c>%QUEUE%-poison</c>.</summary>
public static partial class SettingReferences
{
    public static string Resolve(string expression, IConfiguration configuration) =>
        Reference().Replace(expression, match =>
        {
            var setting = match.Groups[1].Value;
            var value = configuration[setting.Replace("__", ":", StringComparison.Ordinal)];
            return string.IsNullOrWhiteSpace(value)
                ? throw new InvalidOperationException($"The binding expression '{expression}' needs the app setting '{setting}', which is not set.")
                : value;
        });

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Reference();
}
