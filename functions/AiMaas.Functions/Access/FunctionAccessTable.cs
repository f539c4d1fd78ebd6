using System.Reflection;
using AiMaas.Core.Access;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Access;

/// <summary>
/// Every HTTP function of the app with its <see cref="RequiresScopeAttribute"/>, by entry point (the
/// <c>FunctionDefinition.EntryPoint</c> the worker sees). A function without a declaration fails closed: admin only.
/// </summary>
public sealed class FunctionAccessTable
{
    private readonly Dictionary<string, FunctionAccessRule> _byEntryPoint;

    public FunctionAccessTable(Assembly? assembly = null)
    {
        _byEntryPoint = (assembly ?? typeof(FunctionAccessTable).Assembly).GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null
                && m.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null))
            .Select(Describe)
            .ToDictionary(r => EntryPoint(r.Method), StringComparer.Ordinal);
    }

    public static FunctionAccessTable Default { get; } = new();

    public IReadOnlyCollection<FunctionAccessRule> Rules => _byEntryPoint.Values;

    public static string EntryPoint(MethodInfo method) => $"{method.DeclaringType!.FullName}.{method.Name}";

    public FunctionAccessRule? Find(string entryPoint) => _byEntryPoint.GetValueOrDefault(entryPoint);

    public FunctionAccessRule? Find(MethodInfo method) => Find(EntryPoint(method));

    private static FunctionAccessRule Describe(MethodInfo method)
    {
        var name = method.GetCustomAttribute<FunctionAttribute>()!.Name;
        return method.GetCustomAttribute<RequiresScopeAttribute>() is { } declared
            ? new FunctionAccessRule(name, method, declared.Scope, declared.Audit, Declared: true)
            : new FunctionAccessRule(name, method, Scopes.Admin, Audit: null, Declared: false);
    }
}
