using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace AiMaas.Functions.OpenApi;

/// <summary>Builds the app's OpenAPI 3.1 document from its HTTP function table and the bodies the functions declare.</summary>
public static partial class ApiDocument
{
    public const string KeyScheme = "functionKey";
    public const string Version = "1.0";

    public static OpenApiDocument Build(IEnumerable<HttpRoute> routes, string? serverUrl)
    {
        var document = NewDocument("AiMaas API", "AI models as a service: datasets, training jobs, a model registry with aliases and predictions.", serverUrl);
        var schemas = new TypeSchemas(document);
        var problem = schemas.Reference(typeof(ProblemDetailsBody));
        document.Tags = new HashSet<OpenApiTag>();
        foreach (var route in routes)
        {
            document.Tags.Add(new OpenApiTag { Name = route.Group });
            var path = OpenApiPath(route.Route);
            if (!document.Paths.TryGetValue(path, out var item))
            {
                item = new OpenApiPathItem();
                document.Paths[path] = item;
            }

            foreach (var method in route.Methods)
            {
                var operation = Operation(document, schemas, problem, route, route.Methods.Count == 1 ? route.Name : $"{route.Name}_{method}");
                ((OpenApiPathItem)item).AddOperation(new HttpMethod(method.ToUpperInvariant()), operation);
            }
        }

        return document;
    }

    /// <summary>The OpenAPI path of a Functions route: constraints, optional marks and catch-all stars dropped.</summary>
    public static string OpenApiPath(string route) => "/" + RouteParameter().Replace(route.TrimStart('/'), m => $"{{{m.Groups["name"].Value}}}");

    internal static OpenApiDocument NewDocument(string title, string description, string? serverUrl)
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo { Title = title, Version = Version, Description = description },
            Paths = new OpenApiPaths(),
            Components = new OpenApiComponents
            {
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
                {
                    [KeyScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Header,
                        Name = "x-functions-key",
                        Description = "A function or host key (also accepted as the `code` query parameter).",
                    },
                },
            },
        };
        if (serverUrl is not null)
        {
            document.Servers = [new OpenApiServer { Url = serverUrl }];
        }

        return document;
    }

    internal static List<OpenApiSecurityRequirement> KeyRequired(OpenApiDocument document) =>
        [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyScheme, document)] = [] }];

    internal static OpenApiResponse ProblemResponse(IOpenApiSchema problem, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
        {
            ["application/problem+json"] = new OpenApiMediaType { Schema = problem },
        },
    };

    private static OpenApiOperation Operation(OpenApiDocument document, TypeSchemas schemas, IOpenApiSchema problem, HttpRoute route, string operationId)
    {
        var contract = route.Contract;
        var operation = new OpenApiOperation
        {
            OperationId = operationId,
            Summary = contract?.Summary ?? Words(route.Name),
            Tags = new HashSet<OpenApiTagReference> { new(route.Group, document) },
            Parameters = [.. Parameters(route)],
            Responses = new OpenApiResponses(),
        };

        if (contract?.Request is { } request)
        {
            var mediaType = contract.RequestMediaType ?? "application/json";
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    [mediaType] = new OpenApiMediaType
                    {
                        Schema = mediaType.EndsWith("json", StringComparison.Ordinal) ? schemas.Reference(request) : new OpenApiSchema { Type = JsonSchemaType.String, ContentMediaType = mediaType },
                    },
                },
            };
        }

        var status = (contract?.Status ?? 200).ToString(System.Globalization.CultureInfo.InvariantCulture);
        operation.Responses[status] = new OpenApiResponse
        {
            Description = "Success",
            Content = contract?.Response is { } response
                ? new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new OpenApiMediaType { Schema = schemas.Reference(response) } }
                : null,
        };
        if (!route.Anonymous)
        {
            operation.Security = KeyRequired(document);
            operation.Responses["401"] = new OpenApiResponse { Description = "No valid key in `x-functions-key` or `code`" };
        }

        operation.Responses["default"] = ProblemResponse(problem, "A problem: the field at fault and what was expected");
        return operation;
    }

    private static IEnumerable<IOpenApiParameter> Parameters(HttpRoute route)
    {
        var methodParameters = route.Method.GetParameters();
        foreach (Match match in RouteParameter().Matches(route.Route))
        {
            var name = match.Groups["name"].Value;
            var isInt = match.Groups["constraint"].Value.Contains("int", StringComparison.Ordinal)
                || methodParameters.Any(p => p.Name == name && (p.ParameterType == typeof(int) || p.ParameterType == typeof(long)));
            yield return new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = match.Groups["star"].Success ? "May contain '/'" : null,
                Schema = new OpenApiSchema { Type = isInt ? JsonSchemaType.Integer : JsonSchemaType.String },
            };
        }
    }

    private static string Words(string name) => PascalWord().Replace(name, " $1").Trim();

    [GeneratedRegex(@"\{(?<star>\*)?(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<constraint>(:[^}?]+)*)\??\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex PascalWord();
}
