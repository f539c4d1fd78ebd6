using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using AiMaas.Functions.Access;
using AiMaas.LocalRuntime.Discovery;
using AiMaas.LocalRuntime.Invocation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.LocalRuntime.Http;

/// <summary>Maps each HTTP-triggered function to a Kestrel endpoint with the route, methods and authorization level it declares.</summary>
public static class HttpFunctionEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, IEnumerable<FunctionDescriptor> functions, string routePrefix, FunctionKeyCheck keys)
    {
        foreach (var function in functions.Where(f => f.Trigger == TriggerKind.Http))
        {
            if (!typeof(IResult).IsAssignableFrom(ResultType(function.Method)))
            {
                throw new NotSupportedException($"Function '{function.Name}' must return IResult or Task<IResult> to run in the local runtime.");
            }

            var pattern = string.IsNullOrEmpty(routePrefix) ? function.Route! : $"{routePrefix.Trim('/')}/{function.Route}";
            var binders = function.Method.GetParameters().Select(CreateBinder).ToArray();
            // The activator factory reflects over the function class's constructor and its dependencies: built at the
            // function's first call, not for every function before a cold start's first request can be answered.
            var invoker = new Lazy<FunctionInvoker>(() => new FunctionInvoker(function.Method));
            var requiresKey = function.AuthLevel != "Anonymous";
            var rule = FunctionAccessTable.Default.Find(function.Method)!;
            RequestDelegate handler = async context =>
            {
                if (requiresKey && !keys.IsAuthorized(context.Request))
                {
                    await TypedResults.Problem(
                        $"Function '{function.Name}' requires a key: pass it in the '{FunctionKeyCheck.HeaderName}' header or the 'code' query parameter.",
                        statusCode: StatusCodes.Status401Unauthorized,
                        title: "Unauthorized").ExecuteAsync(context);
                    return;
                }

                // What the app's worker middleware does under the Functions host: scopes, rate limits, audit.
                var gate = context.RequestServices.GetRequiredService<HttpFunctionGate>();
                var result = await gate.InvokeAsync(context, rule, name => context.GetRouteValue(name)?.ToString(), async () =>
                {
                    var arguments = new object?[binders.Length];
                    for (var i = 0; i < binders.Length; i++)
                    {
                        arguments[i] = binders[i](context);
                    }

                    return (IResult?)await invoker.Value.InvokeAsync(context.RequestServices, arguments);
                });
                await (result ?? TypedResults.NoContent()).ExecuteAsync(context);
            };

            var builder = function.Methods.Count == 0
                ? endpoints.Map(pattern, handler)
                : endpoints.MapMethods(pattern, function.Methods.Select(m => m.ToUpperInvariant()), handler);
            builder.WithName(function.Name);
        }
    }

    private static Type ResultType(MethodInfo method) =>
        method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
            ? method.ReturnType.GetGenericArguments()[0]
            : method.ReturnType;

    private static Func<HttpContext, object?> CreateBinder(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(HttpRequest))
        {
            return context => context.Request;
        }

        if (type == typeof(HttpContext))
        {
            return context => context;
        }

        if (type == typeof(CancellationToken))
        {
            return context => context.RequestAborted;
        }

        var name = parameter.Name!;
        if (type == typeof(string))
        {
            return context => context.Request.RouteValues.TryGetValue(name, out var value) && value is not null
                ? Convert.ToString(value, CultureInfo.InvariantCulture)
                : null;
        }

        if (type == typeof(int))
        {
            // The route's :int constraint has already accepted the value with int.TryParse (invariant culture); what
            // Int32Converter would do, without TypeDescriptor's start-up cost.
            return context => context.Request.RouteValues.TryGetValue(name, out var value) && value is not null
                ? int.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, NumberStyles.Integer, CultureInfo.InvariantCulture)
                : null;
        }

        var converter = TypeDescriptor.GetConverter(type);
        if (converter.CanConvertFrom(typeof(string)))
        {
            return context => context.Request.RouteValues.TryGetValue(name, out var value) && value is not null
                ? converter.ConvertFrom(null, CultureInfo.InvariantCulture, Convert.ToString(value, CultureInfo.InvariantCulture)!)
                : null;
        }

        throw new NotSupportedException(
            $"Parameter '{parameter.Name}' of type {type.Name} on {parameter.Member.DeclaringType!.Name}.{parameter.Member.Name} cannot be bound by the local runtime.");
    }
}
