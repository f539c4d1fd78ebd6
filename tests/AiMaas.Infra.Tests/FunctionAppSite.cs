using System.Text.Json;
using AiMaas.Infra.Tests.Arm;

namespace AiMaas.Infra.Tests;

/// <summary>Shortcuts to the compiled function app (the one non-existing Microsoft.Web/sites resource).</summary>
internal static class FunctionAppSite
{
    public static ArmResource Resource =>
        CompiledTemplate.OfType(ResourceTypes.Site).Single(r => r.Json.TryGetProperty("properties", out _));

    /// <summary>Gets the app settings by name, each followed to its source value.</summary>
    public static IReadOnlyDictionary<string, ArmValue> AppSettings
    {
        get
        {
            var site = Resource;
            var settings = site.At("properties.siteConfig.appSettings");
            Assert.AreEqual(JsonValueKind.Array, settings.ValueKind, "App settings must be a literal list so every name is reviewable.");
            return settings.EnumerateArray().ToDictionary(
                s => s.GetProperty("name").GetString()!,
                s => site.Template.Follow(s.GetProperty("value")),
                StringComparer.Ordinal);
        }
    }
}
