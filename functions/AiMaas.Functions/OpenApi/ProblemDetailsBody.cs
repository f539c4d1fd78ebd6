namespace AiMaas.Functions.OpenApi;

/// <summary>RFC 7807 problem details as every failing route answers them; <c>errors</c> names the fields at fault.</summary>
public sealed record ProblemDetailsBody(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    string? Instance,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Errors);
