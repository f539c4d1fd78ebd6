namespace AiMaas.Core.Access;

/// <summary>Who made a request, and what they may do.</summary>
public sealed record Caller(CallerKind Kind, string Id, string Name, IReadOnlyCollection<string> Scopes)
{
    public static Caller HostKey { get; } = new(CallerKind.HostKey, "host", "host key", [Access.Scopes.Admin]);

    public static Caller Anonymous { get; } = new(CallerKind.Anonymous, "anonymous", "anonymous", []);

    public KeyLimits? Limits { get; init; }

    /// <summary>How the audit trail names the caller: "host key", "key {id} ({name})", "principal {name}".</summary>
    public string Actor => Kind switch
    {
        CallerKind.HostKey => "host key",
        CallerKind.ApiKey => $"key {Id} ({Name})",
        CallerKind.Principal => $"principal {Name} ({Id})",
        _ => "anonymous",
    };

    public bool Has(string scope) => Access.Scopes.Grants(Scopes, scope);

    public bool MayUseModel(string action, string model) => Has(Access.Scopes.ForModel(action, model));

    /// <summary>Reading a model's metadata takes any of its scopes.</summary>
    public bool MayReadModel(string model) => Access.Scopes.ModelActions.Any(action => MayUseModel(action, model));

    public static Caller ForKey(ApiKeyRecord key) => new(CallerKind.ApiKey, key.Id, key.Name, key.Scopes.ToHashSet(StringComparer.Ordinal))
    {
        Limits = key.Limits,
    };
}
