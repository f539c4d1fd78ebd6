using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.LocalRuntime.Discovery;

/// <summary>Finds the function app's functions from its own <see cref="FunctionAttribute"/> and trigger attributes.</summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionDescriptor> Discover(Assembly assembly) =>
        assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(f => f.Function is not null)
            .Select(f => Describe(f.Function!.Name, f.Method))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToArray();

    private static FunctionDescriptor Describe(string name, MethodInfo method)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            {
                return new FunctionDescriptor(name, method, TriggerKind.Http, parameter)
                {
                    AuthLevel = http.AuthLevel.ToString(),
                    Methods = http.Methods?.Select(m => m.ToLowerInvariant()).ToArray() ?? [],
                    Route = http.Route ?? name,
                };
            }

            if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
            {
                return new FunctionDescriptor(name, method, TriggerKind.Queue, parameter)
                {
                    QueueName = queue.QueueName,
                    Connection = queue.Connection ?? "AzureWebJobsStorage",
                };
            }
        }

        throw new NotSupportedException(
            $"Function '{name}' ({method.DeclaringType!.FullName}.{method.Name}) has a trigger the local runtime does not run; it supports HTTP and queue triggers.");
    }
}
