using System.Text.Json;

namespace AiMaas.Infra.Tests.Arm;

/// <summary>
/// The ARM JSON compiled from infra/main.bicep by the build (see the project file), loaded once.
/// </summary>
internal static class CompiledTemplate
{
    private static readonly Lazy<JsonDocument> Document = new(Load);

    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "main.json");

    public static string Text => File.ReadAllText(Path);

    public static ArmTemplate Root => new(Document.Value.RootElement, "root");

    public static IEnumerable<ArmTemplate> AllTemplates => Root.SelfAndDescendants();

    public static IEnumerable<ArmResource> AllResources => AllTemplates.SelectMany(t => t.Resources);

    public static IEnumerable<ArmResource> OfType(string type) =>
        AllResources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public static ArmResource Single(string type) => OfType(type).Single();

    private static JsonDocument Load() => JsonDocument.Parse(File.ReadAllText(Path));
}
