using Microsoft.Extensions.Configuration;

namespace AiMaas.LocalRuntime.Settings;

/// <summary>Resolves <c>%Setting%</c> references in binding expressions, as the Functions host does.</summary>
public static class SettingReferences
{
    public static string Resolve(string expression, IConfiguration configuration)
    {
        if (expression.Length > 2 && expression[0] == '%' && expression[^1] == '%')
        {
            var setting = expression[1..^1];
            var value = configuration[setting.Replace("__", ":", StringComparison.Ordinal)];
            return string.IsNullOrWhiteSpace(value)
                ? throw new InvalidOperationException($"The binding expression '{expression}' needs the app setting '{setting}', which is not set.")
                : value;
        }

        return expression;
    }
}
