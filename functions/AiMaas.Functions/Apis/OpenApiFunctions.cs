using AiMaas.Functions.Access;
using AiMaas.Core.Registry;
using AiMaas.Functions.Hosting;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;

namespace AiMaas.Functions.Apis;

public sealed class OpenApiFunctions(ModelCatalog catalog, HostJson hostJson)
{
    private const string Json = "application/json";

    [RequiresScope(FunctionScopes.Anonymous)]
    [Function(nameof(GetOpenApi))]
    [ApiContract(null, null, Summary = "This OpenAPI 3.1 document, generated from the function table")]
    public async Task<IResult> GetOpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request,
        CancellationToken cancellationToken) =>
        TypedResults.Text(
            await ApiDocument.Build(HttpRouteTable.App, ServerUrl(request)).SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken),
            Json);

    [RequiresScope(FunctionScopes.ReadModel)]
    [Function(nameof(GetModelOpenApi))]
    [ApiContract(null, null, Summary = "An OpenAPI 3.1 document of one model's predict body with its real features and types")]
    public async Task<IResult> GetModelOpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/models/{model}/openapi.json")] HttpRequest request,
        string model,
        CancellationToken cancellationToken)
    {
        var details = await catalog.GetAsync(model, cancellationToken);
        if (details.Failed(out var problem))
        {
            return problem.ToHttpResult();
        }

        var manifest = await catalog.GetVersionAsync(model, details.Value.CurrentVersion ?? details.Value.LatestVersion, cancellationToken);
        return manifest.Failed(out var missing)
            ? missing.ToHttpResult()
            : TypedResults.Text(await ModelApiDocument.Build(manifest.Value, ServerUrl(request)).SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken), Json);
    }

    [RequiresScope(FunctionScopes.Anonymous)]
    [Function(nameof(GetApiDocs))]
    [ApiContract(null, null, Summary = "The API reference page (Swagger UI) over /api/openapi.json")]
    public IResult GetApiDocs(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/docs/{*asset}")] HttpRequest request,
        string? asset) =>
        StaticAssets.RedirectToFolder(request, asset) ?? StaticAssets.Serve("docs", string.IsNullOrEmpty(asset) ? "index.html" : asset);

    // Servers are the origin the caller used, so "try it out" and generated clients call back the same host.
    private string ServerUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{hostJson.PathBase}";
}
