namespace AiMaas.Functions.OpenApi;

/// <summary>
/// Names the JSON body an HTTP function reads and the one it answers with, so the OpenAPI document is generated from the
/// function table instead of being written by hand a second time.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ApiContractAttribute(Type? request, Type? response) : Attribute
{
    public Type? Request { get; } = request;

    public Type? Response { get; } = response;

    /// <summary>The success status; 200 unless the function answers e.g. 202 or 201.</summary>
    public int Status { get; init; } = 200;

    /// <summary>The request's media type when it is not JSON (a CSV dataset, a model zip).</summary>
    public string? RequestMediaType { get; init; }

    public string? Summary { get; init; }
}
