using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.LocalRuntime;

/// <summary>Where the local runtime finds the app and how it listens.</summary>
public sealed record LocalHostSettings
{
    /// <summary>The folder holding host.json (the function app's build output).</summary>
    public string AppDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>local.settings.json; its Values are app settings below environment variables.</summary>
    public string? LocalSettingsPath { get; init; }

    public int Port { get; init; } = 7071;

    /// <summary>Settings that override everything else (tests use them to point at their own Azurite and queue).</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>Changes to the app's services after its composition root (tests use it to slow a training down).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
