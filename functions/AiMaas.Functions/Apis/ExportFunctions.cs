using AiMaas.Functions.Access;
using AiMaas.Core.Serving.Onnx;
using AiMaas.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class ExportFunctions(OnnxExporter exporter)
{
    /// <summary>The version as an ONNX graph: converted from ML.NET where every pipeline step converts (409 naming the one that does not), or the uploaded .onnx file.</summary>
    [RequiresScope("manage:{model}")]
    [Function(nameof(ExportModelVersionOnnx))]
    public async Task<IResult> ExportModelVersionOnnx(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/models/{model}/versions/{version:int}/onnx")] HttpRequest request,
        string model,
        int version,
        CancellationToken cancellationToken) =>
        (await exporter.ExportAsync(model, version, cancellationToken))
            .ToHttpResult(bytes => TypedResults.File(bytes, "application/octet-stream", $"{model}-{version}.onnx"));
}
