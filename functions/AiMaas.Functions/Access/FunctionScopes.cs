namespace AiMaas.Functions.Access;

/// <summary>Access decisions beyond a plain scope.</summary>
public static class FunctionScopes
{
    /// <summary>No credential needed (health probes).</summary>
    public const string Anonymous = "anonymous";

    /// <summary>Any valid credential; the function itself narrows what the caller sees (listings).</summary>
    public const string AnyCredential = "any";

    /// <summary>Reading a model's metadata: any of <c>predict</c>, <c>train</c> or <c>manage</c> on the model.</summary>
    public const string ReadModel = "read:{model}";
}
