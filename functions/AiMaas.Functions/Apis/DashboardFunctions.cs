using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class DashboardFunctions
{
    // The page itself is public; every call it makes carries the key the user types into it.
    [RequiresScope(FunctionScopes.Anonymous)]
    [Function(nameof(GetDashboard))]
    [ApiContract(null, null, Summary = "The dashboard: models, versions, training jobs and evaluation charts")]
    public IResult GetDashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ui/{*asset}")] HttpRequest request,
        string? asset) =>
        StaticAssets.RedirectToFolder(request, asset) ?? StaticAssets.Serve("ui", string.IsNullOrEmpty(asset) ? "index.html" : asset);
}
