using AiMaas.Functions.Access;
using AiMaas.Core.Explanations;
using AiMaas.Core.Serving;
using AiMaas.Core.Vocabulary;
using AiMaas.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

/// <summary>
/// Why a model predicts what it predicts: the body of a predict call in, each instance's prediction with a base value
/// and one contribution per input column out. Also KServe V1's <c>:explain</c> and a V2 <c>/explain</c> extension.
/// </summary>
public sealed class ExplanationFunctions(ExplanationService explanations)
{
    [RequiresScope("predict:{model}")]
    [Function(nameof(Explain))]
    public async Task<IResult> Explain(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/models/{model}/explain")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await explanations.ExplainAsync(new ModelReference(model), request.Body, cancellationToken)).ToHttpResult(TypedResults.Ok);

    [RequiresScope("predict:{model}")]
    [Function(nameof(ExplainVersion))]
    public async Task<IResult> ExplainVersion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/models/{model}/versions/{version:int}/explain")] HttpRequest request,
        string model,
        int version,
        CancellationToken cancellationToken) =>
        (await explanations.ExplainAsync(new ModelReference(model, version), request.Body, cancellationToken)).ToHttpResult(TypedResults.Ok);

    [RequiresScope("predict:{model}")]
    [Function(nameof(ExplainAlias))]
    public async Task<IResult> ExplainAlias(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/models/{model}/aliases/{alias}/explain")] HttpRequest request,
        string model,
        string alias,
        CancellationToken cancellationToken) =>
        (await explanations.ExplainAsync(new ModelReference(model, Alias: alias), request.Body, cancellationToken)).ToHttpResult(TypedResults.Ok);

    [RequiresScope("predict:{model}")]
    [Function(nameof(V1Explain))]
    public async Task<IResult> V1Explain(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/models/{model}:explain")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await explanations.ExplainV1Async(model, request.Body, cancellationToken)).ToProtocolResult(TypedResults.Ok);

    [RequiresScope("predict:{model}")]
    [Function(nameof(V2Explain))]
    public Task<IResult> V2Explain(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v2/models/{model}/explain")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        V2(model, version: null, request.Body, cancellationToken);

    [RequiresScope("predict:{model}")]
    [Function(nameof(V2ExplainVersion))]
    public Task<IResult> V2ExplainVersion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v2/models/{model}/versions/{version}/explain")] HttpRequest request,
        string model,
        string version,
        CancellationToken cancellationToken) =>
        V2(model, version, request.Body, cancellationToken);

    /// <summary>Protocol versions are strings; anything but a positive integer is answered before the core is asked.</summary>
    private async Task<IResult> V2(string model, string? version, Stream body, CancellationToken cancellationToken)
    {
        var reference = ModelVersionText.ToReference(model, version);
        return reference.Failed(out var problem)
            ? problem.ToProtocolResult()
            : (await explanations.ExplainV2Async(reference.Value, body, cancellationToken)).ToProtocolResult(TypedResults.Ok);
    }
}
