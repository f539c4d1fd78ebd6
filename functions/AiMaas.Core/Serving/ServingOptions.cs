using System.ComponentModel.DataAnnotations;

namespace AiMaas.Core.Serving;

/// <summary>Serving settings, bound from the same <c>AiMaas</c> configuration section as <see cref="AiMaasOptions"/>.</summary>
public sealed class ServingOptions
{
    public const string SectionName = AiMaasOptions.SectionName;

    /// <summary>Memory the model cache may hold, in bytes (estimated per version, see <see cref="ModelMemoryFactor"/>); least recently used versions are evicted beyond it.</summary>
    [Range(1024L * 1024, 1L << 40)]
    public long ModelCacheBudgetBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>A loaded version's memory is estimated as <see cref="ModelOverheadBytes"/> plus its <c>model.zip</c> size times this factor (deserialized weights and dictionaries).</summary>
    [Range(1.0, 100.0)]
    public double ModelMemoryFactor { get; set; } = 4.0;

    /// <summary>Fixed memory of a loaded version whatever its size (ML.NET's transformer chain, schemas and pooled scoring engines; about 400 KiB measured for a small linear model).</summary>
    [Range(0, 1L << 30)]
    public long ModelOverheadBytes { get; set; } = 512L * 1024;

    /// <summary>Largest request body a predict or infer call may send, in bytes.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Most rows one prediction, explanation or infer request may carry.</summary>
    [Range(1, 1_000_000)]
    public int MaxInstancesPerRequest { get; set; } = 10_000;

    /// <summary>Batches with at least this many rows are scored on several cores at once.</summary>
    [Range(2, 1_000_000)]
    public int ParallelBatchThreshold { get; set; } = 2048;

    /// <summary>Threads one ONNX Runtime <c>Run</c> may use (intra-op); concurrent requests each run on their own thread besides.</summary>
    [Range(1, 64)]
    public int OnnxIntraOpThreads { get; set; } = 1;

    /// <summary>Load every model's current version in the background at start-up, so that the first request does not pay for it.</summary>
    public bool WarmUpOnStart { get; set; }
}
