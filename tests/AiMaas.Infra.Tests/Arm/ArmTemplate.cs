using System.Text.Json;

namespace AiMaas.Infra.Tests.Arm;

/// <summary>
/// One ARM template: the root template, or one nested in a <c>Microsoft.Resources/deployments</c>
/// resource (how Bicep compiles a module), together with the parameter values its parent passes.
/// </summary>
internal sealed class ArmTemplate
{
    private const string DeploymentType = "Microsoft.Resources/deployments";

    private readonly JsonElement? _passedParameters;

    public ArmTemplate(JsonElement json, string name, ArmTemplate? parent = null, JsonElement? passedParameters = null)
    {
        Json = json;
        Name = name;
        Parent = parent;
        _passedParameters = passedParameters;
    }

    public JsonElement Json { get; }

    /// <summary>Gets the deployment (module) name, or "root".</summary>
    public string Name { get; }

    public ArmTemplate? Parent { get; }

    public bool IsRoot => Parent is null;

    /// <summary>Gets this template's own resources, whether compiled as an array or as symbolic names.</summary>
    public IEnumerable<ArmResource> Resources
    {
        get
        {
            var resources = Json.GetProperty("resources");
            var elements = resources.ValueKind == JsonValueKind.Object
                ? resources.EnumerateObject().Select(p => p.Value)
                : resources.EnumerateArray();
            return elements.Select(e => new ArmResource(this, e));
        }
    }

    /// <summary>Gets this template and every template nested below it, depth first.</summary>
    public IEnumerable<ArmTemplate> SelfAndDescendants()
    {
        yield return this;
        foreach (var deployment in Resources.Where(r => r.Type == DeploymentType))
        {
            var properties = deployment.Properties;
            var child = new ArmTemplate(
                properties.GetProperty("template"),
                deployment.Name,
                this,
                properties.TryGetProperty("parameters", out var passed) ? passed : null);
            foreach (var template in child.SelfAndDescendants())
            {
                yield return template;
            }
        }
    }

    /// <summary>Gets the deployment resource in the parent that nests the template with the given name.</summary>
    public ArmResource Deployment(string name) =>
        SelfAndDescendants().SelectMany(t => t.Resources).Single(r => r.Type == DeploymentType && r.Name == name);

    public JsonElement? PassedValue(string parameterName) =>
        _passedParameters is { } passed && passed.TryGetProperty(parameterName, out var parameter)
            ? parameter.GetProperty("value")
            : null;

    public JsonElement Variable(string name) => Json.GetProperty("variables").GetProperty(name);

    /// <summary>Inlines the plain string variables an expression reads, e.g. a role definition GUID.</summary>
    public string InlineVariables(string expression) =>
        ArmExpression.ReplaceVariables(expression, name =>
            Variable(name) is { ValueKind: JsonValueKind.String } value && !value.GetString()!.StartsWith('[')
                ? $"'{value.GetString()}'"
                : null);

    /// <summary>Follows <c>[parameters('name')]</c> of this template (see <see cref="Follow"/>).</summary>
    public ArmValue FollowParameter(string name) =>
        Follow(JsonSerializer.SerializeToElement($"[parameters('{name}')]"));

    /// <summary>Gets the declaration of a parameter of this template.</summary>
    public JsonElement Parameter(string name) => Json.GetProperty("parameters").GetProperty(name);

    /// <summary>
    /// Follows plain <c>[parameters('x')]</c> and <c>[variables('x')]</c> references up through the
    /// module chain until it reaches a literal, another expression, or a parameter of the root template.
    /// </summary>
    public ArmValue Follow(JsonElement value)
    {
        var current = new ArmValue(this, value);
        while (current.Value.ValueKind == JsonValueKind.String)
        {
            var text = current.Value.GetString()!;
            if (ArmExpression.TryGetReference(text, "parameters", out var parameter)
                && current.Template.PassedValue(parameter) is { } passed)
            {
                current = new ArmValue(current.Template.Parent!, passed);
            }
            else if (ArmExpression.TryGetReference(text, "variables", out var variable))
            {
                current = new ArmValue(current.Template, current.Template.Variable(variable));
            }
            else
            {
                return current;
            }
        }

        return current;
    }
}
