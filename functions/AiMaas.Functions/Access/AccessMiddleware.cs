using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace AiMaas.Functions.Access;

/// <summary>
/// Worker middleware that runs <see cref="HttpFunctionGate"/> for HTTP functions under the Functions host. A refusal
/// becomes the invocation result, which the ASP.NET Core integration writes like any function's <see cref="IResult"/>.
/// </summary>
internal sealed class AccessMiddleware(HttpFunctionGate gate) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http || FunctionAccessTable.Default.Find(context.FunctionDefinition.EntryPoint) is not { } rule)
        {
            await next(context);
            return;
        }

        var bindingData = context.BindingContext.BindingData;
        var invoked = false;
        var result = await gate.InvokeAsync(
            http,
            rule,
            name => bindingData.TryGetValue(name, out var value) && value is not null ? value.ToString() : http.GetRouteValue(name)?.ToString(),
            async () =>
            {
                invoked = true;
                await next(context);
                return context.GetInvocationResult().Value as IResult;
            });
        if (!invoked)
        {
            context.GetInvocationResult().Value = result;
        }
    }
}
