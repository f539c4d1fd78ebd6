namespace AiMaas.Functions.Access;

/// <summary>
/// The access decision of one HTTP function, read by <see cref="HttpFunctionGate"/> under the Functions host and the
/// local runtime alike. Every HTTP function declares one; a test walks the function table and fails on any without.
/// </summary>
/// <param name="scope">
/// A scope with route values in braces (<c>predict:{model}</c>, <c>datasets:write</c>, <c>admin</c>), or
/// <see cref="FunctionScopes.Anonymous"/>, <see cref="FunctionScopes.AnyCredential"/> or <see cref="FunctionScopes.ReadModel"/>.
/// </param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresScopeAttribute(string scope) : Attribute
{
    public string Scope { get; } = scope;

    /// <summary>When set, every call is recorded in the audit trail under this action (e.g. <c>alias.set</c>).</summary>
    public string? Audit { get; init; }
}
