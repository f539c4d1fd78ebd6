using System.IO.Compression;
using System.Text.Json;
using AiMaas.Core.Data;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Fidelity;
using AiMaas.Core.Serving.Onnx;
using AiMaas.Core.Serving.Scoring;
using Microsoft.Extensions.Options;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Lifecycle;

/// <summary>
/// Registers an ML.NET model trained elsewhere as a new version: the zip must be within the size limits, load, have a
/// tabular input schema and actually produce predictions of its task before it is stored.
/// </summary>
public sealed class ModelUploader(ModelRegistry registry, TimeProvider time, IOptions<AiMaasOptions> options)
{
    public Task<Result<ModelManifest>> UploadAsync(string model, Stream zip, string? metadataJson, CancellationToken cancellationToken) =>
        UploadAsync(model, zip, metadataJson, format: null, cancellationToken);

    /// <param name="model">The model name.</param>
    /// <param name="zip">The ML.NET zip, or the .onnx file.</param>
    /// <param name="metadataJson">The optional metadata part.</param>
    /// <param name="format"><c>mlnet</c> or <c>onnx</c> when the request says so outside the metadata (a query parameter, a file name ending in .onnx).</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    public async Task<Result<ModelManifest>> UploadAsync(string model, Stream zip, string? metadataJson, string? format, CancellationToken cancellationToken)
    {
        if (Identifiers.CheckModelName(model) is { } nameError)
        {
            return nameError;
        }

        var metadata = ParseMetadata(metadataJson);
        if (metadata.Failed(out var metadataProblem))
        {
            return metadataProblem;
        }

        format = metadata.Value.Format ?? format ?? ModelSources.MlNet;
        if (format is not (ModelSources.MlNet or ModelSources.Onnx))
        {
            return Problem.Invalid("format", $"expected '{ModelSources.MlNet}' (an ML.NET zip, the default) or '{ModelSources.Onnx}' (an .onnx file), got '{(format.Length > 20 ? format[..20] : format)}'");
        }

        var settings = options.Value;
        var read = await LimitedStreams.ReadAllAsync(zip, settings.MaxModelUploadBytes, "model file", cancellationToken).ConfigureAwait(false);
        if (read.Failed(out var tooLarge))
        {
            return tooLarge;
        }

        var bytes = read.Value;

        if (format == ModelSources.Onnx)
        {
            var onnx = OnnxModelInspector.Inspect(bytes, metadata.Value, intraOpThreads: 1);
            return onnx.Failed(out var onnxProblem)
                ? onnxProblem
                : await PublishAsync(model, bytes, onnx.Value.Manifest, onnx.Value.Probe.Serialize(), OnnxProbe.Rows, metadata.Value, cancellationToken).ConfigureAwait(false);
        }

        if (CheckArchive(bytes, settings.MaxModelExpandedBytes) is { } archiveProblem)
        {
            return archiveProblem;
        }

        var inspected = Inspect(bytes, metadata.Value);
        if (inspected.Failed(out var inspectProblem))
        {
            return inspectProblem;
        }

        return await PublishAsync(
            model, bytes, inspected.Value.Manifest, ProbeSetFactory.Serialize(inspected.Value.Probe), inspected.Value.Probe.Rows, metadata.Value, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Result<ModelManifest>> PublishAsync(
        string model, byte[] bytes, ModelManifest inspected, byte[] probe, int probeRows, UploadMetadata metadata, CancellationToken cancellationToken)
    {
        var version = await registry.AllocateVersionAsync(model, cancellationToken).ConfigureAwait(false);
        var manifest = inspected with
        {
            Model = model,
            Version = version,
            Artifact = new ArtifactReference(
                inspected.Format == ModelSources.Onnx ? ModelPaths.OnnxArtifact(model, version) : ModelPaths.Artifact(model, version), ContentHash.Sha256(bytes), bytes.LongLength),
            Probe = new ProbeReference(ModelPaths.Probe(model, version), ContentHash.Sha256(probe), probeRows),
            CreatedAt = time.GetUtcNow(),
        };
        var published = await registry.PublishAsync(manifest, bytes, probe, cancellationToken).ConfigureAwait(false);
        var promoted = await PromoteAsync(model, version, PromotionPolicies.Parse(metadata.Promote) ?? PromotionPolicy.IfBetter, cancellationToken).ConfigureAwait(false);
        if (promoted is not null)
        {
            return promoted;
        }

        return published;
    }

    /// <summary>
    /// As for training, a model's first version becomes current unless the request says never (there is nothing to
    /// compare it with); later uploads only when asked, since an upload brings no hold-out rows for a fair comparison.
    /// "First" is decided under the model document's ETag, so when two first uploads race, the one that loses sees the
    /// other's version already current and leaves it.
    /// </summary>
    private async Task<Problem?> PromoteAsync(string model, int version, PromotionPolicy policy, CancellationToken cancellationToken)
    {
        if (policy == PromotionPolicy.Always)
        {
            return (await registry.SetAliasAsync(model, AliasNames.Current, version, ifMatch: null, cancellationToken).ConfigureAwait(false)).Problem;
        }

        while (policy == PromotionPolicy.IfBetter)
        {
            var read = await registry.GetModelWithETagAsync(model, cancellationToken).ConfigureAwait(false);
            if (read?.Document.CurrentVersion is not null)
            {
                return null;
            }

            var moved = await registry.SetAliasAsync(model, AliasNames.Current, version, read?.ETag, cancellationToken).ConfigureAwait(false);
            if (moved.Problem is not { Kind: ProblemKind.PreconditionFailed })
            {
                return moved.Problem;
            }
        }

        return null;
    }

    private static Result<UploadMetadata> ParseMetadata(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new UploadMetadata();
        }

        UploadMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<UploadMetadata>(json, AiMaasJson.Options);
        }
        catch (JsonException ex)
        {
            return Problem.Invalid("metadata", $"malformed JSON: {ex.Message}");
        }

        if (metadata?.Promote is { } promote && PromotionPolicies.Parse(promote) is null)
        {
            return Problem.Invalid("metadata.promote", "expected 'if-better' (default: current only when the model has no current version yet), 'always' or 'never'");
        }

        if (metadata?.Task is { } task && !Enum.GetNames<TaskKind>().Contains(task, StringComparer.OrdinalIgnoreCase))
        {
            return Problem.Invalid("metadata.task", "expected 'regression', 'binary' or 'multiclass', or leave it out to infer it from the model");
        }

        if (metadata?.Format is { } named && named is not (ModelSources.MlNet or ModelSources.Onnx))
        {
            return Problem.Invalid("metadata.format", $"expected '{ModelSources.MlNet}' (default) or '{ModelSources.Onnx}'");
        }

        return metadata ?? new UploadMetadata();
    }

    private static Problem? CheckArchive(byte[] bytes, long maxExpanded)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var expanded = archive.Entries.Sum(e => e.Length);
            return expanded > maxExpanded
                ? Problem.TooLarge($"The model zip expands to {expanded} bytes, more than the limit of {maxExpanded}.")
                : null;
        }
        catch (InvalidDataException ex)
        {
            return Problem.Invalid("model", $"not a zip file: {ex.Message}");
        }
    }

    /// <summary>
    /// Loads the model and scores one row of defaults, so that a model which cannot serve is refused now, not at predict
    /// time; then records its outputs for rows across value regimes, the probe every later load is checked against.
    /// </summary>
    private static Result<(ModelManifest Manifest, ProbeSet Probe)> Inspect(byte[] bytes, UploadMetadata metadata)
    {
        var ml = new MLContext();
        ITransformer transformer;
        DataViewSchema inputSchema;
        try
        {
            transformer = ml.Model.Load(new MemoryStream(bytes, writable: false), out inputSchema);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or InvalidDataException or NotSupportedException)
        {
            return Problem.Invalid("model", $"not a loadable ML.NET model: {ex.Message}");
        }

        if (inputSchema is null || inputSchema.Count == 0)
        {
            return Problem.Invalid("model", "the model has no input schema; save it with mlContext.Model.Save(model, inputSchema, stream)");
        }

        var unsupported = inputSchema.Where(c => !(c.Type is TextDataViewType || c.Type.RawType == typeof(float)))
            .Select(c => $"'{c.Name}' ({c.Type})")
            .ToArray();
        if (unsupported.Length > 0)
        {
            return Problem.Invalid("model", $"input columns must be Single or Text scalars; unsupported: {string.Join(", ", unsupported)}");
        }

        var features = inputSchema.Select(c => new FeatureDefinition(c.Name, c.Type is TextDataViewType ? ColumnKind.Text : ColumnKind.Number)).ToArray();
        var probe = new TabularDataView(
            inputSchema,
            inputSchema.Select(c => c.Type is TextDataViewType ? (Array)new ReadOnlyMemory<char>[1] : new float[1]).ToArray(),
            rowCount: 1);
        IDataView scored;
        try
        {
            scored = transformer.Transform(probe);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            return Problem.Invalid("model", $"the model cannot score rows of its own input schema: {ex.Message}");
        }

        var task = metadata.Task is { } named ? Enum.Parse<TaskKind>(named, ignoreCase: true) : InferTask(scored.Schema);
        if (task is null)
        {
            return Problem.Invalid("model", "the model has no 'Score' output column, so it is not a regression, binary or multiclass model");
        }

        var classes = metadata.Classes ?? SlotNames(scored.Schema);
        if (task == TaskKind.Multiclass && classes is null)
        {
            return Problem.Invalid("metadata.classes", "a multiclass model whose scores carry no slot names needs the class names in score order");
        }

        var manifest = new ModelManifest
        {
            Model = "",
            Version = 0,
            Task = task.Value,
            Label = metadata.Label ?? "",
            Features = features,
            Classes = task == TaskKind.Multiclass ? classes : null,
            Metrics = metadata.Metrics ?? new Dictionary<string, double>(),
            Source = ModelSources.Upload,
            Trainer = new TrainerDescription(metadata.Trainer ?? "uploaded", new Dictionary<string, object>()),
            Artifact = new ArtifactReference("", "", 0),
            CreatedAt = default,
            TrainingSeconds = 0,
            PlatformVersion = PlatformInfo.Version,
        };
        try
        {
            OutputReader.Read(scored, manifest, rows: 1);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or InvalidCastException)
        {
            return Problem.Invalid("model", $"the model does not produce {task.Value.ToString().ToLowerInvariant()} predictions AiMaas can serve: {ex.Message}");
        }

        try
        {
            return (manifest, ProbeSetFactory.Create(transformer, ProbeRows.Synthetic(inputSchema), task.Value, manifest.Classes));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or InvalidCastException or FormatException)
        {
            return Problem.Invalid("model", $"the model fails on rows with large, negative or missing values or unseen categories: {ex.Message}");
        }
    }

    private static TaskKind? InferTask(DataViewSchema outputs) =>
        outputs.GetColumnOrNull("Score") is not { } score ? null
        : score.Type is VectorDataViewType ? TaskKind.Multiclass
        : outputs.GetColumnOrNull("Probability") is not null ? TaskKind.Binary
        : TaskKind.Regression;

    private static string[]? SlotNames(DataViewSchema outputs)
    {
        if (outputs.GetColumnOrNull("Score") is not { Type: VectorDataViewType } score || !score.HasSlotNames())
        {
            return null;
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }
}
