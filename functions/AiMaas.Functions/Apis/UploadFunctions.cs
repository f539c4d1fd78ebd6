using AiMaas.Core.Registry;
using AiMaas.Functions.Hosting;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class UploadFunctions(ModelUploader uploader, HostJson hostJson)
{
    /// <summary>
    /// Registers a model trained elsewhere: multipart/form-data with a <c>model</c> file part and an optional <c>metadata</c>
    /// JSON part, or the zip itself as the body.
    /// </summary>
    [Function(nameof(UploadModelVersion))]
    [ApiContract(typeof(string), typeof(ModelManifest), Status = 201, RequestMediaType = "application/zip")]
    public async Task<IResult> UploadModelVersion(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/models/{model}/versions")] HttpRequest request,
        string model,
        CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return await UploadAsync(model, request.Body, metadata: null, cancellationToken);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("model") is not { } file)
        {
            return Core.Problem.Invalid("model", "expected a form file part named 'model' holding the ML.NET model zip").ToHttpResult();
        }

        await using var zip = file.OpenReadStream();
        return await UploadAsync(model, zip, form["metadata"].FirstOrDefault(), cancellationToken);
    }

    private async Task<IResult> UploadAsync(string model, Stream zip, string? metadata, CancellationToken cancellationToken) =>
        (await uploader.UploadAsync(model, zip, metadata, cancellationToken))
            .ToHttpResult(manifest => TypedResults.Created($"{hostJson.PathBase}/api/models/{model}/versions/{manifest.Version}", manifest));
}
