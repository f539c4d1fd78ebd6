using System.Runtime.InteropServices;
using AiMaas.Core.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Tests.Jobs;

[TestClass]
public sealed class NativeHeapTests
{
    [TestMethod]
    public void Trim_FreedNativeMemoryBelowALiveBlock_IsGivenBack()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("malloc_trim is glibc's; other systems are not trimmed.");
        }

        // 16 MiB in 4 KiB blocks (above glibc's per-thread cache), then one live block on top: free() alone cannot give
        // the freed run back, since glibc only shrinks from the top of a heap by itself; that run is what trainers leave.
        var blocks = Enumerable.Range(0, 4096).Select(_ => Marshal.AllocHGlobal(4096)).ToArray();
        foreach (var block in blocks)
        {
            Marshal.WriteByte(block, 1);
        }

        var pin = Marshal.AllocHGlobal(4096);
        try
        {
            foreach (var block in blocks)
            {
                Marshal.FreeHGlobal(block);
            }

            Assert.IsTrue(NativeHeap.Trim(), "malloc_trim gave the freed pages back");
        }
        finally
        {
            Marshal.FreeHGlobal(pin);
        }
    }

    [TestMethod]
    public void AfterJob_EnabledOrNot_NeverThrows()
    {
        foreach (var enabled in new[] { true, false })
        {
            var trimmer = new NativeHeapTrimmer(Options.Create(new NativeHeapOptions { TrimNativeHeapAfterJobs = enabled }), NullLogger<NativeHeapTrimmer>.Instance);

            trimmer.AfterJob("job");
            trimmer.AfterJob("job");
        }
    }
}
