using AiMaas.Functions;
using AiMaas.Functions.Access;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Scopes, audit and rate limits for HTTP functions; the local runtime runs the same HttpFunctionGate.
builder.UseMiddleware<AccessMiddleware>();
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();
builder.AddAiMaasFunctions();
builder.Build().Run();
