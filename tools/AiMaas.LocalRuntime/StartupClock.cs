using System.Diagnostics;

namespace AiMaas.LocalRuntime;

/// <summary>Milliseconds since the operating system started this process: the clock a cold start is measured on.</summary>
internal static class StartupClock
{
    public static double SinceProcessStart()
    {
        using var process = Process.GetCurrentProcess();
        return (DateTime.Now - process.StartTime).TotalMilliseconds;
    }
}
