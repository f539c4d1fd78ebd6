using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace AiMaas.Functions.Http;

/// <summary>
/// Worker middleware that turns an exception escaping an HTTP function into <see cref="UnhandledErrors.Response"/>,
/// which the ASP.NET Core integration writes; without it the Functions host answers a bare 500. Queue triggers rethrow,
/// so that the host retries and poisons their messages.
/// </summary>
internal sealed partial class UnhandledExceptionMiddleware(ILogger<UnhandledExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (context.GetHttpContext() is { Response.HasStarted: false } http && !http.RequestAborted.IsCancellationRequested)
        {
            FunctionFailed(logger, ex, context.FunctionDefinition.Name);
            context.GetInvocationResult().Value = UnhandledErrors.Response();
        }
    }

    [LoggerMessage(EventId = 901, Level = LogLevel.Error, Message = "HTTP function {Function} failed unexpectedly; answered 500 problem details")]
    private static partial void FunctionFailed(ILogger logger, Exception exception, string function);
}
