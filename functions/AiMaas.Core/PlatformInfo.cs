using System.Reflection;

namespace AiMaas.Core;

/// <summary>Facts about this build of AiMaas, recorded in manifests and reported by the inference protocols.</summary>
public static class PlatformInfo
{
    public static string Version { get; } =
        typeof(PlatformInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
