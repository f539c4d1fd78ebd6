using System.Text.Json;

namespace AiMaas.Infra.Tests.Arm;

/// <summary>A resource declared in a (possibly nested) template.</summary>
internal sealed record ArmResource(ArmTemplate Template, JsonElement Json)
{
    public string Type => Json.GetProperty("type").GetString()!;

    public string Name => Json.GetProperty("name").GetString()!;

    public JsonElement Properties => Json.GetProperty("properties");

    /// <summary>Gets the value at a dotted path below the resource, e.g. <c>properties.siteConfig</c>.</summary>
    public JsonElement At(string path) =>
        path.Split('.').Aggregate(Json, (element, segment) => element.GetProperty(segment));

    /// <summary>Follows the value at <paramref name="path"/> through module parameters and variables.</summary>
    public ArmValue Follow(string path) => Template.Follow(At(path));
}
