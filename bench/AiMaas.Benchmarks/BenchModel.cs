using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text.Json;
using AiMaas.Core;
using AiMaas.Core.Data;
using AiMaas.Core.Datasets;
using AiMaas.Core.PredictionLog;
using AiMaas.Core.Explanations;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving;
using AiMaas.Core.Serving.KServeV1;
using AiMaas.Core.Serving.OpenInference;
using AiMaas.Core.Storage;
using AiMaas.Core.Training;
using AiMaas.Core.Vocabulary;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML;

namespace AiMaas.Benchmarks;

/// <summary>
/// A linear regression model trained in memory by AiMaas's own <see cref="ModelTrainer"/>, published to an in-memory blob
/// store, and AiMaas's real serving services (<see cref="VersionLoader"/>, <see cref="ModelCache"/>, <see cref="PredictionService"/>)
/// wired over it as the function app wires them over Azure Storage.
/// </summary>
internal sealed class BenchModel
{
    public const string ModelName = "bench-linear";
    public const int Version = 1;

    private BenchModel(
        TrainedModel trained, ModelManifest manifest, PredictionService predictions, KServeV1Service v1, OpenInferenceService v2, VersionLoader loader, ExplanationService explanations)
    {
        Explanations = explanations;
        Trained = trained;
        Manifest = manifest;
        Predictions = predictions;
        V1 = v1;
        V2 = v2;
        Loader = loader;
        Loaded = loader.LoadAsync(Key, CancellationToken.None).GetAwaiter().GetResult().Value
            ?? throw new InvalidOperationException("The benchmark model did not load.");
    }

    public static VersionKey Key { get; } = new(ModelName, Version);

    public TrainedModel Trained { get; }

    public ModelManifest Manifest { get; }

    public LoadedModel Loaded { get; }

    public PredictionService Predictions { get; }

    /// <summary>KServe V1 (<c>POST /v1/models/{m}:predict</c>) over the same cache.</summary>
    public KServeV1Service V1 { get; }

    /// <summary>Open Inference Protocol / KServe V2 (<c>POST /v2/models/{m}/infer</c>) over the same cache.</summary>
    public OpenInferenceService V2 { get; }

    public VersionLoader Loader { get; }

    /// <summary>Per-prediction explanations (<c>POST /api/models/{m}/explain</c>) over the same cache.</summary>
    public ExplanationService Explanations { get; }

    public static BenchModel Train(CsvTable table, TrainerKind trainer = TrainerKind.Linear)
    {
        var options = Options.Create(new AiMaasOptions { TrainingQueue = "bench-training" });
        var spec = new TrainingSpec(ModelName, Dataset: "bench.csv", Csv: null, Label: "y", TaskKind.Regression, trainer, JobId: null);
        var result = new ModelTrainer(options, TimeProvider.System).Train(table, spec);
        var trained = result.Failed(out var problem) ? throw new InvalidOperationException(problem.Detail) : result.Value;
        var background = JsonSerializer.SerializeToUtf8Bytes(ExplanationRecorder.CreateBackground(trained)!, AiMaasJson.Options);
        var manifest = TrainedManifest.Create(ModelName, Version, spec.Label, trained, new DatasetReference("bench.csv", "", table.Rows.Count), DateTimeOffset.UnixEpoch, "bench") with
        {
            Explanations = new ModelExplanations
            {
                Background = new BackgroundReference(ExplanationStore.Path(ModelName, Version), Convert.ToHexStringLower(SHA256.HashData(background)), 100),
            },
        };

        var settings = options.Value;
        var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [$"{settings.ModelsContainer}/{ModelPaths.Artifact(ModelName, Version)}"] = trained.Zip,
            [$"{settings.ModelsContainer}/{ExplanationStore.Path(ModelName, Version)}"] = background,
            [$"{settings.ModelsContainer}/{ModelPaths.Manifest(ModelName, Version)}"] = JsonSerializer.SerializeToUtf8Bytes(manifest, AiMaasJson.Options),
            // The model document with alias "current" = version 1, for the routes that name no version (KServe V1).
            [$"{settings.ModelsContainer}/{ModelPaths.Document(ModelName)}"] = JsonSerializer.SerializeToUtf8Bytes(
                new ModelDocument(ModelName, Version, new Dictionary<string, int> { [AliasNames.Current] = Version }, DateTimeOffset.UnixEpoch),
                AiMaasJson.Options),
        };
#pragma warning disable CA2000 // The transport owns the handler for the process's lifetime.
        var transport = new HttpClientTransport(new HttpClient(new InMemoryBlobHandler(blobs)));
#pragma warning restore CA2000
        var account = new Uri("http://127.0.0.1:9/devstoreaccount1");
        var storage = new AiMaasStorage(
            new BlobServiceClient(account, new BlobClientOptions { Transport = transport }),
            new QueueServiceClient(account, new QueueClientOptions { Transport = transport }),
            options);
        var registry = new ModelRegistry(storage, TimeProvider.System);
        var serving = Options.Create(new ServingOptions());
        var loader = new VersionLoader(registry, serving, NullLogger<VersionLoader>.Instance);
        var cache = new ModelCache(loader, serving, NullLogger<ModelCache>.Instance);
        var aliases = new AliasResolver(registry, cache, TimeProvider.System, options, NullLogger<AliasResolver>.Instance);
        var bodies = new JsonBodyReader(serving);
        var resolver = new ModelProvider(cache, aliases);
        var statuses = new ModelStatusService(resolver, cache, registry, NullLogger<ModelStatusService>.Instance);
        var requests = new ScoringRequestReader(bodies, resolver);
        var recorder = PredictionRecorderWithoutLog(storage, registry);
        var pipeline = new PredictPipeline(resolver, recorder);
        var predictions = new PredictionService(pipeline, bodies, serving);
        var v1 = new KServeV1Service(pipeline, bodies, statuses, serving);
        var v2 = new OpenInferenceService(pipeline, bodies, resolver, statuses, registry, new WarmUpState(serving), serving);
        var explanations = new ExplanationService(
            requests, new ExplainerProvider(registry, new ExplanationStore(storage), NullLogger<ExplainerProvider>.Instance), serving);
        return new BenchModel(trained, manifest, predictions, v1, v2, loader, explanations);
    }

    /// <summary>Rows as the column-typed data view AiMaas scores (what <c>InstanceReader</c> builds from JSON).</summary>
    public TabularDataView ToDataView(float[][] rows)
    {
        var schema = Loaded.InputSchema;
        var columns = new Array[schema.Count];
        for (var c = 0; c < schema.Count; c++)
        {
            var feature = int.Parse(schema[c].Name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
            var column = new float[rows.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                column[r] = rows[r][feature];
            }

            columns[c] = column;
        }

        return new TabularDataView(schema, columns, rows.Length);
    }

    /// <summary>
    /// Reference only, not AiMaas's serving path any more: ML.NET's generic batch path (a new <c>Transform</c> over the
    /// data view and a Score cursor per call), which AiMaas used before the pooled row engines of <c>ModelScorer</c>.
    /// </summary>
    public static float[] ScoreWithTransform(ITransformer transformer, IDataView input, float[] scores)
    {
        var scored = transformer.Transform(input);
        var column = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<float>(column);
        var row = 0;
        float value = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            scores[row++] = value;
        }

        return scores;
    }

    /// <summary>A recorder over the in-memory storage, where no model has logging settings: it records nothing, as by default.</summary>
    private static PredictionRecorder PredictionRecorderWithoutLog(AiMaasStorage storage, ModelRegistry registry)
    {
        var logOptions = Options.Create(new PredictionLogOptions());
#pragma warning disable CA2000 // The meter factory lives as long as the process.
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
#pragma warning restore CA2000
        var settings = new LoggingSettingsCache(
            new LoggingSettingsStore(storage, registry, TimeProvider.System), TimeProvider.System, logOptions, NullLogger<LoggingSettingsCache>.Instance);
        return new PredictionRecorder(settings, new PredictionLogBuffer(logOptions, new PredictionLogMetrics(meters), new PredictionRecordSerializer(logOptions)), TimeProvider.System);
    }
}
