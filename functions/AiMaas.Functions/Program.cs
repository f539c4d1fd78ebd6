using AiMaas.Core.Serving;
using AiMaas.Functions;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Cold start: with AIMAAS_STARTUP_PRIMER=true the first prediction's ML.NET and JSON code warms up on another core while
// the host builds (StartupPrimer; off by default, bench/README.md, cold).
_ = StartupPrimer.Start();
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Outermost of ours: an unexpected exception becomes the same problem+json the local runtime answers.
builder.UseMiddleware<UnhandledExceptionMiddleware>();

// Scopes, audit and rate limits for HTTP functions; the local runtime runs the same HttpFunctionGate.
builder.UseMiddleware<AccessMiddleware>();
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();
builder.AddAiMaasFunctions();
builder.Build().Run();
