using System.Globalization;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Onnx;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving.OpenInference;

/// <summary>The Open Inference Protocol (KServe V2) over AiMaas models: server and model metadata, readiness and inference.</summary>
public sealed class OpenInferenceService(
    JsonBodyReader bodies,
    ModelResolver models,
    ModelStatusService statuses,
    ModelRegistry registry,
    WarmUpState readiness,
    IPredictionRecorder recorder,
    IOptions<ServingOptions> options)
{
    public const string Platform = "mlnet";

    public const string OnnxPlatform = "onnxruntime_onnx";

    public static ServerMetadataResponse ServerMetadata { get; } = new("aimaas", PlatformInfo.Version, []);

    public bool IsServerReady => readiness.IsReady;

    public Task<Result<ModelStatus>> GetModelStatusAsync(ModelReference reference, CancellationToken cancellationToken) =>
        statuses.GetAsync(reference, cancellationToken);

    public async Task<Result<ModelMetadataResponse>> GetModelMetadataAsync(ModelReference reference, CancellationToken cancellationToken)
    {
        var version = await models.ResolveVersionAsync(reference, cancellationToken).ConfigureAwait(false);
        if (version.Failed(out var problem))
        {
            return problem;
        }

        var manifest = await registry.GetManifestAsync(reference.Model, version.Value, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return Problem.NotFound($"Version {version.Value} of model '{reference.Model}' does not exist.");
        }

        var versions = await registry.ListPublishedVersionsAsync(reference.Model, cancellationToken).ConfigureAwait(false);
        var parameters = new Dictionary<string, object>
        {
            ["version"] = manifest.Version.ToString(CultureInfo.InvariantCulture),
            ["task"] = manifest.Task.ToString().ToLowerInvariant(),
            ["label"] = manifest.Label,
        };
        if (manifest.Classes is { } classes)
        {
            parameters["classes"] = OutputTensors.ClassesParameter(classes);
        }

        if (manifest.Onnx is { } graph)
        {
            // An ONNX version answers with its graph's own tensors.
            parameters["format"] = ModelSources.Onnx;
            parameters["opset"] = graph.Opset.ToString(CultureInfo.InvariantCulture);
            parameters["producer"] = graph.Producer;
            return new ModelMetadataResponse(
                manifest.Model,
                versions.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray(),
                OnnxPlatform,
                graph.Inputs.Select(t => new TensorMetadata(t.Name, t.Datatype, t.Shape)).ToArray(),
                graph.Outputs.Select(t => new TensorMetadata(t.Name, t.Datatype, t.Shape)).ToArray(),
                parameters);
        }

        return new ModelMetadataResponse(
            manifest.Model,
            versions.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray(),
            Platform,
            manifest.Features.Select(f => new TensorMetadata(f.Name, Datatypes.For(f.Type), [-1])).ToArray(),
            OutputTensors.Describe(manifest.Task, manifest.Classes?.Count ?? 0),
            parameters);
    }

    public Task<Result<InferenceResponse>> InferAsync(ModelReference reference, Stream body, CancellationToken cancellationToken) =>
        InferAsync(reference, body, requestId: null, cancellationToken);

    /// <summary>Infers and, when the model's logging settings say so, records the call under <paramref name="requestId"/>.</summary>
    public Task<Result<InferenceResponse>> InferAsync(ModelReference reference, Stream body, string? requestId, CancellationToken cancellationToken) =>
        recorder.RecordAsync(PredictionProtocol.OpenInferenceV2, reference, requestId, call => InferAsync(reference, body, call, cancellationToken));

    private async Task<Result<InferenceResponse>> InferAsync(ModelReference reference, Stream body, PredictionCall call, CancellationToken cancellationToken)
    {
        // The bytes, not a document: an ONNX version's tensors are parsed straight from them.
        var read = await bodies.ReadBytesAsync(body, cancellationToken).ConfigureAwait(false);
        if (read.Failed(out var bodyProblem))
        {
            return bodyProblem;
        }

        using var raw = read.Value;
        var loaded = await models.LoadAsync(reference, cancellationToken).ConfigureAwait(false);
        if (loaded.Failed(out var modelProblem))
        {
            // As on the other protocols, a malformed body is named before an unknown model.
            var check = JsonBodyReader.Parse(raw);
            check.Value?.Dispose();
            return check.Problem ?? modelProblem;
        }

        var model = loaded.Value;
        call.Resolved(model);
        var max = options.Value.MaxInstancesPerRequest;
        if (model.Onnx is { } onnx && OnnxTensorJsonReader.TryRead(raw.Span, onnx.Description, max) is { } tensors)
        {
            return RunOnnx(model, onnx, tensors);
        }

        var parsed = JsonBodyReader.Parse(raw);
        if (parsed.Failed(out var malformed))
        {
            return malformed;
        }

        using var document = parsed.Value;
        if (model.Onnx is { } slow)
        {
            // Not a request the fast path accepts: this reader names what is wrong.
            var onnxRequest = OnnxInferenceRequestReader.Read(document.RootElement, slow.Description, max);
            return onnxRequest.Failed(out var onnxProblem) ? onnxProblem : RunOnnx(model, slow, onnxRequest.Value);
        }

        var request = InferenceRequestReader.Read(document.RootElement, model.InputSchema, model.Manifest.Task, max);
        if (request.Failed(out var problem))
        {
            return problem;
        }

        var scored = model.Scorer.Score(request.Value.Batch);
        call.Scored(request.Value.Batch, scored);
        return new InferenceResponse(
            model.Manifest.Model,
            model.Manifest.Version.ToString(CultureInfo.InvariantCulture),
            request.Value.Id,
            OutputTensors.Build(scored, request.Value.Outputs));
    }

    private static Result<InferenceResponse> RunOnnx(LoadedModel model, OnnxModel onnx, OnnxInferenceRequest request)
    {
        IReadOnlyList<OnnxTensor> outputs;
        try
        {
            outputs = onnx.Run(request.Inputs, request.Outputs);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException ex)
        {
            // The graph refused values its signature allows (an index out of range, shapes that do not broadcast).
            return Problem.Invalid("inputs", $"the model cannot run on these inputs: {ex.Message}");
        }

        return new InferenceResponse(
            model.Manifest.Model,
            model.Manifest.Version.ToString(CultureInfo.InvariantCulture),
            request.Id,
            outputs.Select(t => new InferenceTensor(t.Name, t.Datatype, t.Shape, t.Data)).ToArray());
    }
}
