using System.Reflection;

namespace AiMaas.Functions.Access;

/// <summary>One HTTP function's access decision; <see cref="Declared"/> is false when the function has none (then only admins pass).</summary>
public sealed record FunctionAccessRule(string Function, MethodInfo Method, string Scope, string? Audit, bool Declared)
{
    public bool IsAnonymous => Scope == FunctionScopes.Anonymous;
}
