using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Jobs;

/// <summary>The clean-up after a queued job: returns the native memory the job freed (see <see cref="NativeHeap"/>).</summary>
public sealed class NativeHeapTrimmer(IOptions<NativeHeapOptions> options, ILogger<NativeHeapTrimmer> logger)
{
    private volatile bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Trims when enabled and supported; never throws, since a job that finished must not fail over its clean-up.</summary>
    public void AfterJob(string jobId)
    {
        if (_unavailable || !options.Value.TrimNativeHeapAfterJobs)
        {
            return;
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            var released = NativeHeap.Trim();
            logger.NativeHeapTrimmed(jobId, released, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // musl (Alpine) has no malloc_trim, and its allocator returns memory by itself: stop trying.
            _unavailable = true;
            logger.NativeHeapTrimUnavailable(ex.Message);
        }
    }
}
