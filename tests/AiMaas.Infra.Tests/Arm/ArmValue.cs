using System.Text.Json;

namespace AiMaas.Infra.Tests.Arm;

/// <summary>A template value together with the template whose expression context it belongs to.</summary>
internal sealed record ArmValue(ArmTemplate Template, JsonElement Value)
{
    public string Text => Value.ValueKind == JsonValueKind.String ? Value.GetString()! : Value.GetRawText();

    /// <summary>Gets whether the value is a reference to the named parameter of the root template.</summary>
    public bool IsRootParameter(string name) =>
        Template.IsRoot
        && ArmExpression.TryGetReference(Text, "parameters", out var parameter)
        && parameter == name;
}
