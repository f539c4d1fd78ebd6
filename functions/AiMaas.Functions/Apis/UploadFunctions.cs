using AiMaas.Core.Lifecycle;
using AiMaas.Core.Registry;
using AiMaas.Core.Vocabulary;
using AiMaas.Functions.Hosting;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class UploadFunctions(ModelUploader uploader, HostJson hostJson)
{
    /// <summary>
    /// Registers a model trained elsewhere: multipart/form-data with a <c>model</c> file part and an optional <c>metadata</c>
    /// JSON part, or the zip itself as the body. An ONNX model says so with <c>"format": "onnx"</c> in its metadata, a file
    /// name ending in <c>.onnx</c>, or <c>?format=onnx</c>.
    /// </summary>
    [RequiresScope("manage:{model}", Audit = "version.uploaded")]
    [Function(nameof(UploadModelVersion))]
    [ApiContract(typeof(string), typeof(ModelManifest), Status = 201, RequestMediaType = "application/zip")]
    public async Task<IResult> UploadModelVersion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/models/{model}/versions")] HttpRequest request,
        string model,
        CancellationToken cancellationToken)
    {
        string? format = request.Query["format"].FirstOrDefault();
        if (!request.HasFormContentType)
        {
            return await UploadAsync(model, request.Body, metadata: null, format, cancellationToken);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("model") is not { } file)
        {
            return Problem.Invalid("model", "expected a form file part named 'model' holding the ML.NET model zip or the .onnx file").ToHttpResult();
        }

        await using var zip = file.OpenReadStream();
        if (format is null && file.FileName.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            format = "onnx";
        }

        return await UploadAsync(model, zip, form["metadata"].FirstOrDefault(), format, cancellationToken);
    }

    private async Task<IResult> UploadAsync(string model, Stream zip, string? metadata, string? format, CancellationToken cancellationToken) =>
        (await uploader.UploadAsync(model, zip, metadata, format, cancellationToken))
            .ToHttpResult(manifest => TypedResults.Created($"{hostJson.PathBase}/api/models/{model}/versions/{manifest.Version}", manifest));
}
