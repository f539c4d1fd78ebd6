namespace AiMaas.Core.Registry;

/// <summary>The per-model document: the version counter and the aliases (<c>current</c> is what plain predict serves).</summary>
public sealed record ModelDocument(string Name, int LatestVersion, IReadOnlyDictionary<string, int> Aliases, DateTimeOffset UpdatedAt)
{
    public const string CurrentAlias = "current";

    public int? CurrentVersion => Aliases.TryGetValue(CurrentAlias, out var version) ? version : null;
}
