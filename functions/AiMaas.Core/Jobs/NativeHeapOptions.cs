namespace AiMaas.Core.Jobs;

/// <summary>Whether a worker gives freed native memory back to the operating system after each queued job.</summary>
/// <remarks>A lone flag that any value binds to or fails on, so there is nothing for a validator to check.</remarks>
public sealed class NativeHeapOptions
{
    /// <summary>Bound from the same section as <see cref="AiMaasOptions"/>: <c>AiMaas:TrimNativeHeapAfterJobs</c>.</summary>
    public const string SectionName = AiMaasOptions.SectionName;

    /// <summary>After each training job on Linux (glibc), call <c>malloc_trim(0)</c>; it takes milliseconds and keeps the instance's resident memory from ratcheting up with each training.</summary>
    public bool TrimNativeHeapAfterJobs { get; set; } = true;
}
