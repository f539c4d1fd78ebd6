using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace AiMaas.Functions.Http;

/// <summary>
/// Worker middleware that answers an exception escaping an HTTP function with <see cref="UnhandledErrors.Response"/>,
/// written straight to the ASP.NET Core response; without it the Functions host answers a bare 500. Queue triggers
/// rethrow, so that the host retries and poisons their messages.
/// </summary>
public sealed partial class UnhandledExceptionMiddleware(ILogger<UnhandledExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception ex) when (context.GetHttpContext() is { Response.HasStarted: false } http && !http.RequestAborted.IsCancellationRequested)
        {
            FunctionFailed(logger, ex, context.FunctionDefinition.Name);
            // Written here rather than set as the invocation result: the ASP.NET Core integration leaves a response
            // that is already written alone when the function produced no result.
            http.Response.Clear();
            await UnhandledErrors.Response().ExecuteAsync(http);
        }
    }

    [LoggerMessage(EventId = 901, Level = LogLevel.Error, Message = "HTTP function {Function} failed unexpectedly; answered 500 problem details")]
    private static partial void FunctionFailed(ILogger logger, Exception exception, string function);
}
