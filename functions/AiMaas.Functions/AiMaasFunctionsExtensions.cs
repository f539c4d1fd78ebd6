using AiMaas.Core.Vocabulary;
using AiMaas.Core;
using AiMaas.Functions.Access;
using AiMaas.Functions.Hosting;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiMaas.Functions;

public static class AiMaasFunctionsExtensions
{
    /// <summary>
    /// The function app's composition root, shared by <c>Program.cs</c> and the local runtime in <c>tools/</c>
    /// so that both resolve the function classes from the same services.
    /// </summary>
    public static IHostApplicationBuilder AddAiMaasFunctions(this IHostApplicationBuilder builder, HostJson? hostJson = null)
    {
        var host = hostJson ?? HostJson.Load();
        builder.Services.AddSingleton(host);
        builder.AddAiMaasCore();
        builder.Services.AddSingleton<HttpFunctionGate>();
        builder.Services.AddSingleton<KeyRateLimiter>();
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // API bodies use the same JSON shape as stored documents: camelCase, enums as strings, no nulls.
            options.SerializerOptions.DefaultIgnoreCondition = AiMaasJson.Options.DefaultIgnoreCondition;
            options.SerializerOptions.NumberHandling = AiMaasJson.Options.NumberHandling;
            foreach (var converter in AiMaasJson.Options.Converters)
            {
                options.SerializerOptions.Converters.Add(converter);
            }
        });

        // The producer must encode messages the way the queue trigger decodes them.
        builder.Services.PostConfigure<AiMaasOptions>(options =>
            options.TrainingQueueEncoding = host.Queues.IsBase64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None);
        return builder;
    }
}
