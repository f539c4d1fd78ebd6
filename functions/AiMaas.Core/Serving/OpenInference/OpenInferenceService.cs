using System.Globalization;
using System.Text.Json;
using AiMaas.Core.Data;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Onnx;
using AiMaas.Core.Serving.Scoring;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving.OpenInference;

/// <summary>The Open Inference Protocol (KServe V2) over AiMaas models: server and model metadata, readiness and inference.</summary>
public sealed class OpenInferenceService(
    PredictPipeline pipeline,
    JsonBodyReader bodies,
    ModelProvider models,
    ModelStatusService statuses,
    ModelRegistry registry,
    WarmUpState readiness,
    IOptions<ServingOptions> options)
    : IPredictProtocol<InferenceCall, EncodedInferenceResponse>
{
    public const string Platform = "mlnet";

    public const string OnnxPlatform = "onnxruntime_onnx";

    string IPredictProtocol<InferenceCall, EncodedInferenceResponse>.Name => PredictionProtocol.OpenInferenceV2;

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

    public Task<Result<EncodedInferenceResponse>> InferAsync(ModelReference reference, InferenceBody body, CancellationToken cancellationToken) =>
        InferAsync(reference, body, requestId: null, cancellationToken);

    /// <summary>Infers and, when the model's logging settings say so, records the call under <paramref name="requestId"/>.</summary>
    public Task<Result<EncodedInferenceResponse>> InferAsync(ModelReference reference, InferenceBody body, string? requestId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(this, reference, requestId, token => ReadAsync(body, token), cancellationToken);

    /// <summary>The body's bytes and its envelope; only malformed JSON or binary framing fails here, before the model is looked up.</summary>
    private async Task<Result<InferenceCall>> ReadAsync(InferenceBody body, CancellationToken cancellationToken)
    {
        var read = await bodies.ReadBytesAsync(body.Content, cancellationToken).ConfigureAwait(false);
        if (read.Failed(out var bodyProblem))
        {
            return bodyProblem;
        }

        var envelope = InferenceEnvelopeReader.Read(read.Value.Memory, body.HeaderLength);
        if (envelope.Failed(out var malformed))
        {
            read.Value.Dispose();
            return malformed;
        }

        return new InferenceCall(read.Value, envelope.Value);
    }

    /// <summary>An ONNX version answers in its graph's own tensors: one <c>Run</c> over the request's tensors, written out from ONNX Runtime's memory.</summary>
    Result<EncodedInferenceResponse>? IPredictProtocol<InferenceCall, EncodedInferenceResponse>.AnswerDirectly(InferenceCall call, LoadedModel model)
    {
        if (model.Onnx is not { } onnx)
        {
            return null;
        }

        var bound = OnnxInputBinder.Bind(call.Envelope, onnx.Description, options.Value.MaxInstancesPerRequest);
        if (bound.Failed(out var problem))
        {
            return problem;
        }

        using var request = bound.Value;
        OnnxRun run;
        try
        {
            run = onnx.Execute(request.Inputs, request.Outputs ?? onnx.Description.Outputs.Select(o => o.Name).ToArray());
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException ex)
        {
            // The graph refused values its signature allows (an index out of range, shapes that do not broadcast).
            return Problem.Invalid("inputs", $"the model cannot run on these inputs: {ex.Message}");
        }

        using (run)
        {
            return OnnxResponseWriter.Write(
                model.Manifest.Model, model.Manifest.Version.ToString(CultureInfo.InvariantCulture), request.Id, run, request.BinaryOutputs);
        }
    }

    Result<TabularDataView> IPredictProtocol<InferenceCall, EncodedInferenceResponse>.ReadRows(InferenceCall call, LoadedModel model)
    {
        var request = InferenceRequestReader.Read(call.Envelope, model.InputSchema, model.Manifest.Task, options.Value.MaxInstancesPerRequest);
        if (request.Failed(out var problem))
        {
            return problem;
        }

        call.Request = request.Value;
        return request.Value.Batch;
    }

    EncodedInferenceResponse IPredictProtocol<InferenceCall, EncodedInferenceResponse>.Respond(InferenceCall call, LoadedModel model, ScoredBatch scored)
    {
        var response = new InferenceResponse(
            model.Manifest.Model,
            model.Manifest.Version.ToString(CultureInfo.InvariantCulture),
            call.Request!.Id,
            OutputTensors.Build(scored, call.Request.Outputs));
        var buffer = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, response, AiMaasJson.Options);
        }

        return new EncodedInferenceResponse(buffer, headerLength: null);
    }
}
