using AiMaas.Core.Jobs;
using AiMaas.Core.Storage;
using AiMaas.Functions;
using AiMaas.Functions.Hosting;
using AiMaas.Functions.Http;
using AiMaas.LocalRuntime.Discovery;
using AiMaas.LocalRuntime.Http;
using AiMaas.LocalRuntime.Queues;
using AiMaas.LocalRuntime.Settings;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMaas.LocalRuntime;

/// <summary>
/// Hosts the function app's own function classes on Kestrel, with routes, methods, authorization levels and queue
/// triggers read from the app's declarations, host.json and local.settings.json.
/// </summary>
public static class LocalFunctionsHost
{
    public static IReadOnlyList<FunctionDescriptor> Functions { get; } = FunctionCatalog.Discover(typeof(AiMaasFunctionsExtensions).Assembly);

    public static WebApplication Build(LocalHostSettings settings, string[]? args = null)
    {
        // The slim builder: Kestrel over plain HTTP, console logging and configuration; the local runtime uses none of
        // what the full builder adds (HTTPS and HTTP/3 set-up, IIS, host filtering, regex route constraints,
        // debug/event-source loggers). Measured, it did not change the start-up time beyond noise (bench/README.md, cold).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = settings.AppDirectory });
        var localValues = settings.LocalSettingsPath is { } path ? LocalSettingsFile.ReadValues(path) : new Dictionary<string, string?>();

        // Lowest priority, so environment variables override local.settings.json as they do with Core Tools.
        ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, new MemoryConfigurationSource { InitialData = localValues });
        builder.Configuration.AddInMemoryCollection(settings.Overrides);
        builder.WebHost.UseUrls($"http://127.0.0.1:{settings.Port}");

        // Kestrel's 30 MB default would refuse a dataset the app accepts: the app's own limits apply, while bodies stream.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        builder.Host.UseDefaultServiceProvider((context, options) =>
        {
            // In Development a missing or mis-scoped registration fails at start-up, not at the first request. Elsewhere
            // validating walks every service's constructor (~every type of the app loaded before the first request:
            // bench/README.md, cold); CompositionTests validates the same graph in the suite.
            options.ValidateOnBuild = context.HostingEnvironment.IsDevelopment();
            options.ValidateScopes = context.HostingEnvironment.IsDevelopment();
        });

        var loaded = HostJson.Load(settings.AppDirectory);
        var hostJson = loaded with { Queues = HostJsonOverrides.Apply(loaded.Queues, builder.Configuration) };
        ApplyLogLevels(builder, hostJson);
        var functions = TriggerSelection.Select(Functions, builder.Configuration[TriggerSelection.Setting]);
        builder.AddAiMaasFunctions(hostJson);
        builder.Services.AddProblemDetails();
        builder.Services.AddOptions<LocalRuntimeOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.HostKey = configuration[LocalRuntimeOptions.HostKeySetting] ?? "";
                options.QueueProcessingVisibility = JobMonitoringOptions.ReadQueueProcessingVisibility(configuration);
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LocalRuntimeOptions>, LocalRuntimeOptionsValidator>();
        AddQueueListeners(builder, functions, hostJson.Queues);
        settings.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        // The same answer as the function app's UnhandledExceptionMiddleware gives under the Functions host.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = context => UnhandledErrors.Response().ExecuteAsync(context) });
        var keys = new FunctionKeyCheck(app.Services.GetRequiredService<IOptions<LocalRuntimeOptions>>().Value.HostKey);
        HttpFunctionEndpoints.Map(app, functions, hostJson.RoutePrefix, keys);
        LogRoutes(app, functions, hostJson.PathBase);
        return app;
    }

    private static void AddQueueListeners(WebApplicationBuilder builder, IReadOnlyList<FunctionDescriptor> functions, QueueHostSettings queueSettings)
    {
        foreach (var function in functions.Where(f => f.Trigger == TriggerKind.Queue))
        {
            var queueName = SettingReferences.Resolve(function.QueueName!, builder.Configuration).ToLowerInvariant();
            var connection = StorageConnectionReader.Read(builder.Configuration, function.Connection!);

            // Clients are made when the listener is, after the host listens (QueueListenersAfterStart).
            builder.Services.AddSingleton(provider =>
            {
                var clientOptions = new QueueClientOptions
                {
                    MessageEncoding = queueSettings.IsBase64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None,
                };
                var queues = StorageClientFactory.CreateQueueServiceClient(connection, clientOptions);
                return new QueueTriggerListener(
                    function,
                    queues.GetQueueClient(queueName),
                    queues.GetQueueClient(queueName + "-poison"),
                    queueSettings,
                    provider.GetRequiredService<IOptions<LocalRuntimeOptions>>().Value.QueueProcessingVisibility,
                    provider,
                    provider.GetRequiredService<TimeProvider>(),
                    provider.GetRequiredService<ILogger<QueueTriggerListener>>());
            });
        }

        builder.Services.AddHostedService<QueueListenersAfterStart>();
    }

    /// <summary>host.json's log levels, as the Functions host applies them; Kestrel's own chatter is the runtime's, kept to warnings.</summary>
    private static void ApplyLogLevels(WebApplicationBuilder builder, HostJson hostJson)
    {
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Information);
        foreach (var (category, level) in hostJson.LogLevels)
        {
            if (Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed))
            {
                builder.Logging.AddFilter(category.Equals("default", StringComparison.OrdinalIgnoreCase) ? null : category, parsed);
            }
        }
    }

    private static void LogRoutes(WebApplication app, IReadOnlyList<FunctionDescriptor> functions, string pathBase)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalFunctionsHost));
        foreach (var function in functions.Where(f => f.Trigger == TriggerKind.Http))
        {
            logger.HttpFunctionMapped(
                string.Join(',', function.Methods).ToUpperInvariant(),
                $"{pathBase}/{function.Route}",
                function.Name,
                function.AuthLevel!);
        }
    }
}
