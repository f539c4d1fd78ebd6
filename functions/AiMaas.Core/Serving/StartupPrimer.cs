using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Fidelity;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Serving;

/// <summary>
/// Runs, on a thread-pool thread while the host is still being built, the code a fresh process's first prediction
/// would otherwise JIT-compile and type-load on the request path: ML.NET's model loading (its component catalog, the
/// loaders of the transforms the platform's pipelines start with) and row mapping, and the JSON metadata of
/// the stored documents a prediction reads. Nothing it builds is kept; only the process is warmer (bench/README.md, cold).
/// </summary>
public static class StartupPrimer
{
    /// <summary>
    /// The environment variable that turns the primer on with <c>true</c> (read before configuration exists). Off by
    /// default: in interleaved runs on the 2-core machine it cost 9-17% more CPU to the first answer and no wall time
    /// (it competes with the host build for the same cores: bench/README.md, cold).
    /// </summary>
    public const string Setting = "AIMAAS_STARTUP_PRIMER";

    private const string Features = "Features";

    /// <summary>Starts priming in the background when <see cref="Setting"/> is <c>true</c>, else returns null. The task faults if priming failed, which costs only its head start.</summary>
    public static Task? Start() =>
        string.Equals(Environment.GetEnvironmentVariable(Setting), "true", StringComparison.OrdinalIgnoreCase) ? Task.Run(Prime) : null;

    /// <summary>Primes now, whatever <see cref="Setting"/> says (tests keep the primer working for when it is turned on).</summary>
    public static Task StartAlways() => Task.Run(Prime);

    private static void Prime()
    {
        foreach (var type in (Type[])[typeof(ModelDocument), typeof(ModelManifest), typeof(ProbeSet)])
        {
            AiMaasJson.Options.GetTypeInfo(type);
        }

        // Transforms only: fitting a trainer would JIT training code that serving never runs.
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 4).Select(i => new PrimerRow { A = i, B = i == 0 ? float.NaN : 2 * i }));
        var pipeline = ml.Transforms.ReplaceMissingValues(nameof(PrimerRow.B), replacementMode: Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.Mean)
            .Append(ml.Transforms.Concatenate(Features, nameof(PrimerRow.A), nameof(PrimerRow.B)))
            .Append(ml.Transforms.NormalizeMinMax(Features));
        using var stream = new MemoryStream();
        ml.Model.Save(pipeline.Fit(data), data.Schema, stream);

        // The serving path: a fresh context loads the saved model and maps one row, as ModelLoader and RowEngine do.
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out var inputSchema);
        var scored = loaded.Transform(data);
        var features = scored.Schema[Features];
        using var cursor = scored.GetRowCursor([features]);
        var getter = cursor.GetGetter<VBuffer<float>>(features);
        var value = default(VBuffer<float>);
        if (cursor.MoveNext())
        {
            getter(ref value);
        }

        _ = loaded.GetRowToRowMapper(inputSchema);
    }

    private sealed class PrimerRow
    {
        public float A { get; set; }

        public float B { get; set; }
    }
}
