using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using AiMaas.Core.Vocabulary;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace AiMaas.Functions.OpenApi;

/// <summary>
/// Turns a .NET body type into a component schema through System.Text.Json's own exporter with the API's serializer
/// options, so the document shows the JSON the app really reads and writes (camelCase, string enums, nulls left out).
/// </summary>
public sealed class TypeSchemas(OpenApiDocument document)
{
    private static readonly JsonSchemaExporterOptions ExporterOptions = new()
    {
        TreatNullObliviousAsNonNullable = true,
        // "true" (any JSON) is a valid 2020-12 schema but not every OpenAPI tool reads a boolean schema; {} says the same.
        TransformSchemaNode = (_, node) => node is JsonValue value && value.TryGetValue<bool>(out var any) && any ? new JsonObject() : node,
    };

    /// <summary>A reference to the type's component schema, adding the component the first time.</summary>
    public IOpenApiSchema Reference(Type type)
    {
        var name = type.Name;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        if (!document.Components.Schemas.ContainsKey(name))
        {
            document.Components.Schemas[name] = Parse(AiMaasJson.Options.GetJsonSchemaAsNode(type, ExporterOptions));
        }

        return new OpenApiSchemaReference(name, document);
    }

    public IOpenApiSchema Parse(JsonNode schema)
    {
        var parsed = new OpenApiJsonReader().ReadFragment<OpenApiSchema>(schema, OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic);
        return diagnostic.Errors.Count == 0 && parsed is not null
            ? parsed
            : throw new InvalidOperationException($"The generated schema is not valid OpenAPI: {string.Join("; ", diagnostic.Errors.Select(e => e.Message))}");
    }
}
