using AiMaas.Core.Serving;
using AiMaas.Core.Serving.OpenInference;
using AiMaas.Core.Vocabulary;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

/// <summary>The Open Inference Protocol (KServe V2) REST API at the host's root: health, metadata, readiness and inference.</summary>
public sealed class OpenInferenceFunctions(OpenInferenceService inference)
{
    [RequiresScope(FunctionScopes.Anonymous)]
    [Function(nameof(V2Live))]
    public static IResult V2Live(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/health/live")] HttpRequest request) =>
        TypedResults.Ok(new { live = true });

    [RequiresScope(FunctionScopes.Anonymous)]
    [Function(nameof(V2Ready))]
    public IResult V2Ready(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/health/ready")] HttpRequest request) =>
        inference.IsServerReady
            ? TypedResults.Ok(new { ready = true })
            : ProtocolResults.Unavailable("The server is warming up: loading the current versions of the models.");

    [RequiresScope(FunctionScopes.AnyCredential)]
    [Function(nameof(V2ServerMetadata))]
    public static IResult V2ServerMetadata(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2")] HttpRequest request) =>
        TypedResults.Ok(OpenInferenceService.ServerMetadata);

    [RequiresScope("predict:{model}")]
    [Function(nameof(V2ModelMetadata))]
    public Task<IResult> V2ModelMetadata(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/models/{model}")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        Metadata(model, version: null, cancellationToken);

    [RequiresScope("predict:{model}")]
    [Function(nameof(V2ModelVersionMetadata))]
    public Task<IResult> V2ModelVersionMetadata(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/models/{model}/versions/{version}")] HttpRequest request,
        string model,
        string version,
        CancellationToken cancellationToken) =>
        Metadata(model, version, cancellationToken);

    [RequiresScope("predict:{model}")]
    [Function(nameof(V2ModelReady))]
    public Task<IResult> V2ModelReady(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/models/{model}/ready")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        Ready(model, version: null, cancellationToken);

    [RequiresScope("predict:{model}")]
    [Function(nameof(V2ModelVersionReady))]
    public Task<IResult> V2ModelVersionReady(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/models/{model}/versions/{version}/ready")] HttpRequest request,
        string model,
        string version,
        CancellationToken cancellationToken) =>
        Ready(model, version, cancellationToken);

    [RequiresScope("predict:{model}")]
    [Function(nameof(V2Infer))]
    public Task<IResult> V2Infer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v2/models/{model}/infer")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        Infer(model, version: null, request, cancellationToken);

    [RequiresScope("predict:{model}")]
    [Function(nameof(V2InferVersion))]
    public Task<IResult> V2InferVersion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v2/models/{model}/versions/{version}/infer")] HttpRequest request,
        string model,
        string version,
        CancellationToken cancellationToken) =>
        Infer(model, version, request, cancellationToken);

    private Task<IResult> Metadata(string model, string? version, CancellationToken cancellationToken) =>
        WithReference(model, version, async reference =>
            (await inference.GetModelMetadataAsync(reference, cancellationToken)).ToProtocolResult(TypedResults.Ok));

    private Task<IResult> Ready(string model, string? version, CancellationToken cancellationToken) =>
        WithReference(model, version, async reference =>
            (await inference.GetModelStatusAsync(reference, cancellationToken)).ToProtocolResult(readiness => readiness.Ready
                ? TypedResults.Ok(readiness)
                : ProtocolResults.Unavailable($"{reference.Describe()} is not loaded yet; loading has started.")));

    private Task<IResult> Infer(string model, string? version, HttpRequest request, CancellationToken cancellationToken)
    {
        var requestId = request.RequestId();
        return WithReference(model, version, async reference =>
            (await inference.InferAsync(reference, request.Body, requestId, cancellationToken)).ToProtocolResult(TypedResults.Ok));
    }

    /// <summary>Protocol versions are strings; anything but a positive integer is answered before the core is asked.</summary>
    private static async Task<IResult> WithReference(string model, string? version, Func<ModelReference, Task<IResult>> handle)
    {
        var reference = ModelVersionText.ToReference(model, version);
        return reference.Failed(out var problem) ? problem.ToProtocolResult() : await handle(reference.Value);
    }
}
