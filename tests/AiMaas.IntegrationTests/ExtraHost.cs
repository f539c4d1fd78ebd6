using AiMaas.Core;
using AiMaas.LocalRuntime;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.IntegrationTests;

/// <summary>
/// A second local runtime over the same storage with different settings (its own training queue, so that it never takes
/// the main runtime's training messages).
/// </summary>
internal sealed class ExtraHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ExtraHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public HttpClient AnonymousClient { get; } = new();

    public static async Task<ExtraHost> StartAsync(
        IReadOnlyDictionary<string, string?> overrides, CancellationToken cancellationToken, Action<IServiceCollection>? configureServices = null)
    {
        var settings = Platform.Settings();
        settings[AiMaasOptions.TrainingQueueSetting] = "it-x-" + Guid.NewGuid().ToString("N")[..12];
        settings[Core.Batch.BatchOptions.ScoringQueueSetting] = "it-xs-" + Guid.NewGuid().ToString("N")[..12];
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var app = LocalFunctionsHost.Build(new LocalHostSettings { Port = 0, Overrides = settings, ConfigureServices = configureServices });
        await app.StartAsync(cancellationToken);
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("x-functions-key", Platform.HostKey);
        var host = new ExtraHost(app, client);
        host.AnonymousClient.BaseAddress = client.BaseAddress;
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        AnonymousClient.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
