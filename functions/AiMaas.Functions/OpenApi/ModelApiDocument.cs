using System.Text.Json.Nodes;
using AiMaas.Core.Registry;
using AiMaas.Core.Vocabulary;
using Microsoft.OpenApi;

namespace AiMaas.Functions.OpenApi;

/// <summary>
/// One model's predict contract with its real features and output shape, from the served version's manifest, so a
/// client generated from it has typed fields.
/// </summary>
public static class ModelApiDocument
{
    public static OpenApiDocument Build(ModelManifest manifest, string? serverUrl)
    {
        var document = ApiDocument.NewDocument(
            $"AiMaas model '{manifest.Model}'",
            $"Predictions from model '{manifest.Model}' (version {manifest.Version}, {manifest.Task}, label '{manifest.Label}').",
            serverUrl);
        document.Info.Version = manifest.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var schemas = new TypeSchemas(document);
        document.Components!.Schemas = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["Instance"] = schemas.Parse(Instance(manifest.Features)),
            ["Prediction"] = schemas.Parse(Prediction(manifest)),
        };
        var problem = schemas.Reference(typeof(ProblemDetailsBody));
        var request = schemas.Parse(new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("instances"),
            ["properties"] = new JsonObject
            {
                ["instances"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = new JsonObject { ["$ref"] = "#/components/schemas/Instance" } },
            },
        });
        var response = schemas.Parse(new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["model"] = new JsonObject { ["type"] = "string" },
                ["version"] = new JsonObject { ["type"] = "integer" },
                ["predictions"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = "#/components/schemas/Prediction" } },
            },
        });

        var name = Uri.EscapeDataString(manifest.Model);
        Add(document, $"/api/models/{name}/predict", "predict", "Predict with the current version", [], request, response, problem);
        Add(document, $"/api/models/{name}/aliases/{{alias}}/predict", "predictAlias", "Predict through an alias", [Path("alias", JsonSchemaType.String)], request, response, problem);
        return document;
    }

    private static void Add(OpenApiDocument document, string path, string operationId, string summary, List<IOpenApiParameter> parameters, IOpenApiSchema request, IOpenApiSchema response, IOpenApiSchema problem)
    {
        var operation = new OpenApiOperation
        {
            OperationId = operationId,
            Summary = summary,
            Parameters = parameters,
            Security = ApiDocument.KeyRequired(document),
            RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new OpenApiMediaType { Schema = request } },
            },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "One prediction per instance, in order",
                    Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new OpenApiMediaType { Schema = response } },
                },
                ["default"] = ApiDocument.ProblemResponse(problem, "A problem: the field at fault and what was expected"),
            },
        };
        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Post, operation);
        document.Paths[path] = item;
    }

    private static OpenApiParameter Path(string name, JsonSchemaType type) =>
        new() { Name = name, In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = type } };

    // Every feature may be null or left out: the model treats it as a missing value.
    private static JsonObject Instance(IEnumerable<FeatureDefinition> features)
    {
        var properties = new JsonObject();
        foreach (var feature in features)
        {
            properties[feature.Name] = new JsonObject { ["type"] = new JsonArray(feature.Type == ColumnKind.Number ? "number" : "string", "null") };
        }

        return new JsonObject { ["type"] = "object", ["properties"] = properties };
    }

    private static JsonObject Prediction(ModelManifest manifest) => manifest.Task switch
    {
        TaskKind.Regression => new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("score"),
            ["properties"] = new JsonObject { ["score"] = new JsonObject { ["type"] = "number" } },
        },
        TaskKind.Binary => new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("label", "probability", "score"),
            ["properties"] = new JsonObject
            {
                ["label"] = new JsonObject { ["type"] = "boolean" },
                ["probability"] = new JsonObject { ["type"] = "number" },
                ["score"] = new JsonObject { ["type"] = "number" },
            },
        },
        _ => new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("label", "probabilities"),
            ["properties"] = new JsonObject
            {
                ["label"] = Classes(manifest.Classes, new JsonObject { ["type"] = "string" }),
                ["probabilities"] = Probabilities(manifest.Classes),
            },
        },
    };

    private static JsonObject Classes(IReadOnlyList<string>? classes, JsonObject schema)
    {
        if (classes is { Count: > 0 })
        {
            schema["enum"] = new JsonArray([.. classes.Select(c => (JsonNode?)JsonValue.Create(c))]);
        }

        return schema;
    }

    private static JsonObject Probabilities(IReadOnlyList<string>? classes)
    {
        var schema = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "number" } };
        if (classes is { Count: > 0 })
        {
            var properties = new JsonObject();
            foreach (var c in classes)
            {
                properties[c] = new JsonObject { ["type"] = "number" };
            }

            schema["properties"] = properties;
        }

        return schema;
    }
}
