using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AiMaas.Benchmarks;

/// <summary>
/// A short in-process job: 3 warm-up and 5 measured iterations in this process (no generated project to build),
/// so that the whole suite runs in a few minutes on a shared two-core machine.
/// </summary>
public sealed class ShortConfig : ManualConfig
{
    public ShortConfig()
    {
        AddJob(Job.ShortRun
            .WithWarmupCount(3)
            .WithIterationCount(5)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("short-inprocess"));
        AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
