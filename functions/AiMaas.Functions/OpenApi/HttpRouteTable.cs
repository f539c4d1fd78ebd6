using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.OpenApi;

/// <summary>
/// Reads the HTTP routes from the same <see cref="FunctionAttribute"/> and <see cref="HttpTriggerAttribute"/> the SDK
/// turns into functions.metadata, so a route added by anyone is documented without a hand-kept list.
/// </summary>
public static class HttpRouteTable
{
    private static readonly Lazy<IReadOnlyList<HttpRoute>> AppRoutes = new(() => Discover(typeof(HttpRouteTable).Assembly));

    public static IReadOnlyList<HttpRoute> App => AppRoutes.Value;

    public static IReadOnlyList<HttpRoute> Discover(Assembly assembly) =>
        [.. assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(f => f.Function is not null)
            .SelectMany(f => f.Method.GetParameters()
                .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
                .OfType<HttpTriggerAttribute>()
                .Take(1)
                .Select(http => new HttpRoute(
                    f.Function!.Name,
                    Group(f.Method.DeclaringType!),
                    http.Methods?.Select(m => m.ToLowerInvariant()).ToArray() ?? ["get", "post", "put", "delete", "patch"],
                    http.Route ?? f.Function!.Name,
                    // Every route is anonymous to the Functions host; the access gate decides, by the declared scope.
                    f.Method.GetCustomAttribute<AiMaas.Functions.Access.RequiresScopeAttribute>()?.Scope == AiMaas.Functions.Access.FunctionScopes.Anonymous,
                    f.Method)))
            .OrderBy(r => r.Route, StringComparer.Ordinal)
            .ThenBy(r => r.Name, StringComparer.Ordinal)];

    private static string Group(Type type) =>
        type.Name.EndsWith("Functions", StringComparison.Ordinal) ? type.Name[..^"Functions".Length] : type.Name;
}
