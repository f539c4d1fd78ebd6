using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Fidelity;
using AiMaas.Core.Serving.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace AiMaas.Core.Lifecycle;

/// <summary>
/// Checks an uploaded .onnx file before it becomes a version: a model protobuf with every tensor inside the file and only
/// operators ONNX Runtime implements itself, loadable, with inputs and outputs of types AiMaas serves, and, when the
/// metadata names features, a graph they can be mapped onto. Records what ONNX Runtime answers for generated inputs (the probe).
/// </summary>
internal static class OnnxModelInspector
{
    public static Result<(ModelManifest Manifest, OnnxProbe Probe)> Inspect(byte[] bytes, UploadMetadata metadata, int intraOpThreads)
    {
        var facts = OnnxGraphReader.Read(bytes);
        if (facts is null)
        {
            return Problem.Invalid("model", "not an ONNX model: the bytes are not an ONNX ModelProto with a graph (a truncated file, or another format)");
        }

        if (facts.ExternalTensors.Count > 0)
        {
            return Problem.Invalid("model", $"tensors stored in external data files are not supported ({Names(facts.ExternalTensors)}); "
                + "save the model with every tensor inside the .onnx file (onnx.save_model(model, path, save_as_external_data=False))");
        }

        var custom = facts.NodeDomains.Concat(facts.Opsets.Keys).Where(d => !OnnxSessions.BuiltInDomains.Contains(d)).Distinct().ToArray();
        if (custom.Length > 0)
        {
            return Problem.Invalid("model", $"custom operator domains are not supported ({Names(custom)}): AiMaas loads no custom operator libraries; "
                + "export with standard ONNX operators (domains ai.onnx, ai.onnx.ml, com.microsoft)");
        }

        InferenceSession session;
        try
        {
            session = OnnxSessions.Create(bytes, intraOpThreads);
        }
        catch (OnnxRuntimeException ex)
        {
            return Problem.Invalid("model", $"ONNX Runtime cannot load the model: {ex.Message}");
        }

        using (session)
        {
            return Inspect(session, facts, metadata);
        }
    }

    private static Result<(ModelManifest Manifest, OnnxProbe Probe)> Inspect(InferenceSession session, OnnxGraphFacts facts, UploadMetadata metadata)
    {
        var (inputs, outputs, unsupported) = OnnxSessions.Describe(session);
        if (unsupported.Count > 0)
        {
            return Problem.Invalid("model", $"inputs and outputs must be tensors of FP32, FP64, INT64, INT32, BOOL or BYTES; unsupported: {string.Join(", ", unsupported)} "
                + "(a scikit-learn classifier exports its probabilities as a map unless converted with options={'zipmap': False})");
        }

        var mapping = MapFeatures(metadata, inputs, outputs);
        if (mapping.Failed(out var mappingProblem))
        {
            return mappingProblem;
        }

        var (task, featureInput, scoreOutput, classes) = mapping.Value;
        var description = Describe(facts, inputs, outputs, featureInput, scoreOutput);
        // Not disposed here: the caller owns the session.
        var described = new OnnxModel(session, description);
        OnnxProbe probe;
        try
        {
            probe = OnnxProbe.Record(described);
        }
        catch (OnnxRuntimeException ex)
        {
            return Problem.Invalid("model", $"the model fails on inputs of its own signature (dynamic dimensions given 3 rows, then 2): {ex.Message}");
        }

        var manifest = new ModelManifest
        {
            Model = "",
            Version = 0,
            Task = task,
            Label = metadata.Label ?? "",
            Features = (metadata.Features ?? []).Select(f => new FeatureDefinition(f, ColumnKind.Number)).ToArray(),
            Classes = classes,
            Metrics = metadata.Metrics ?? new Dictionary<string, double>(),
            Source = ModelSources.Upload,
            Format = ModelSources.Onnx,
            Onnx = description,
            Trainer = new TrainerDescription(metadata.Trainer ?? (facts.Producer.Length > 0 ? facts.Producer : "onnx"), new Dictionary<string, object>()),
            Artifact = new ArtifactReference("", "", 0),
            CreatedAt = default,
            TrainingSeconds = 0,
            PlatformVersion = PlatformInfo.Version,
        };

        if (featureInput is not null && ScoreSyntheticRows(described, manifest) is { } scoreProblem)
        {
            return scoreProblem;
        }

        return (manifest, probe);
    }

    /// <summary>Named features fill one [batch, features] FP32 or FP64 input; the task decides which output is read.</summary>
    private static Result<(TaskKind Task, string? Input, string? Output, IReadOnlyList<string>? Classes)> MapFeatures(
        UploadMetadata metadata, IReadOnlyList<OnnxTensorInfo> inputs, IReadOnlyList<OnnxTensorInfo> outputs)
    {
        var task = metadata.Task is { } named ? Enum.Parse<TaskKind>(named, ignoreCase: true) : TaskKind.Regression;
        if (metadata.Features is not { Count: > 0 } features)
        {
            return (task, null, null, metadata.Classes);
        }

        if (metadata.Task is null)
        {
            return Problem.Invalid("metadata.task", "an ONNX model with named features needs its task: 'regression', 'binary' or 'multiclass'");
        }

        if (features.Distinct(StringComparer.Ordinal).Count() != features.Count || features.Any(string.IsNullOrWhiteSpace))
        {
            return Problem.Invalid("metadata.features", "expected distinct, non-empty feature names");
        }

        var input = metadata.Input is { } inputName ? inputs.FirstOrDefault(i => i.Name == inputName) : inputs.Count == 1 ? inputs[0] : null;
        if (input is null)
        {
            return Problem.Invalid("metadata.input", $"name the input tensor the features fill; the graph's inputs are {Names(inputs.Select(i => i.Name))}");
        }

        if (inputs.Count > 1)
        {
            return Problem.Invalid("metadata.features", $"the graph has {inputs.Count} inputs ({Names(inputs.Select(i => i.Name))}); named features can fill a graph with one input only");
        }

        if (input.Datatype is not (OnnxTypes.Fp32 or OnnxTypes.Fp64) || input.Shape.Count != 2 || (input.Shape[1] >= 0 && input.Shape[1] != features.Count))
        {
            return Problem.Invalid("metadata.features", $"{features.Count} features cannot fill input '{input.Name}' ({input.Datatype} [{string.Join(", ", input.Shape)}]); "
                + $"expected an FP32 or FP64 tensor of shape [-1, {features.Count}]");
        }

        var numeric = outputs.Where(o => o.Datatype is OnnxTypes.Fp32 or OnnxTypes.Fp64).ToArray();
        var output = metadata.Output is { } outputName ? numeric.FirstOrDefault(o => o.Name == outputName)
            : task == TaskKind.Regression ? numeric.FirstOrDefault()
            : numeric.Where(o => o.Shape.Count == 2 && o.Shape[1] is not (0 or 1))
                .OrderByDescending(o => o.Name.Contains("prob", StringComparison.OrdinalIgnoreCase))
                .FirstOrDefault() ?? numeric.FirstOrDefault();
        if (output is null)
        {
            return Problem.Invalid("metadata.output", $"name the FP32 or FP64 output holding the {(task == TaskKind.Regression ? "score" : "probabilities")}; the graph's outputs are {Names(outputs.Select(o => $"{o.Name} ({o.Datatype})"))}");
        }

        IReadOnlyList<string>? classes = null;
        if (task == TaskKind.Multiclass)
        {
            classes = metadata.Classes;
            if (classes is null)
            {
                return Problem.Invalid("metadata.classes", $"a multiclass ONNX model needs its class names in the order of output '{output.Name}'");
            }

            if (output.Shape.Count != 2 || (output.Shape[1] >= 0 && output.Shape[1] != classes.Count))
            {
                return Problem.Invalid("metadata.classes", $"{classes.Count} classes do not match output '{output.Name}' of shape [{string.Join(", ", output.Shape)}]");
            }
        }

        return (task, input.Name, output.Name, classes);
    }

    private static Problem? ScoreSyntheticRows(OnnxModel model, ModelManifest manifest)
    {
        try
        {
            new OnnxTabularScorer(model, manifest).Score(ProbeRows.Synthetic(OnnxVersionLoader.FeatureSchema(manifest.Features)));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or OnnxRuntimeException)
        {
            return Problem.Invalid("metadata.features", $"the model cannot score rows of its named features: {ex.Message}");
        }
    }

    private static OnnxDescription Describe(OnnxGraphFacts facts, IReadOnlyList<OnnxTensorInfo> inputs, IReadOnlyList<OnnxTensorInfo> outputs, string? input, string? output) =>
        new(facts.IrVersion, facts.Opsets, facts.Producer, facts.ProducerVersion, inputs, outputs, input, output);

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
