namespace AiMaas.IntegrationTests.Instances;

/// <summary>Where the repository and the runtime build the tests start as separate processes are.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The local runtime as built beside the tests (its runtimeconfig and host.json are copied here too).</summary>
    public static string RuntimeDll { get; } = Path.Combine(AppContext.BaseDirectory, "AiMaas.LocalRuntime.dll");

    public static string Azurite { get; } = Path.Combine(Root, "node_modules", ".bin", "azurite");

    /// <summary>The dotnet host running the tests; under `dotnet test` DOTNET_HOST_PATH names it.</summary>
    public static string DotnetHost { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AiMaas.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No AiMaas.sln above {AppContext.BaseDirectory}.");
    }
}
