using System.Reflection;

namespace AiMaas.Functions.OpenApi;

/// <summary>One HTTP function as the Functions host sees it: its name, methods, route template and key requirement.</summary>
public sealed record HttpRoute(string Name, string Group, IReadOnlyList<string> Methods, string Route, bool Anonymous, MethodInfo Method)
{
    public ApiContractAttribute? Contract => Method.GetCustomAttribute<ApiContractAttribute>();
}
