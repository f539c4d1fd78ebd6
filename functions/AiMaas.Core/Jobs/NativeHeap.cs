using System.Runtime.InteropServices;

namespace AiMaas.Core.Jobs;

/// <summary>glibc's <c>malloc_trim</c>: gives the free pages of every malloc arena back to the operating system.</summary>
/// <remarks>
/// ML.NET's trainers and the runtime's threads allocate outside the GC heap; glibc keeps what they free in per-thread
/// arenas instead of returning it, so each training left the process larger even though the managed heap stayed flat.
/// </remarks>
internal static partial class NativeHeap
{
    /// <summary>Trims every arena; true when memory was given back. Throws <see cref="EntryPointNotFoundException"/> on a libc without it (musl).</summary>
    public static bool Trim() => MallocTrim(0) == 1;

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
