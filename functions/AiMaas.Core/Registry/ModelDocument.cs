namespace AiMaas.Core.Registry;

/// <summary>
/// The per-model document: the version counter, the aliases (<c>current</c> is what plain predict serves) and the
/// versions deleted so far, which no alias may point at again. Every change is written under the document's ETag.
/// </summary>
public sealed record ModelDocument(string Name, int LatestVersion, IReadOnlyDictionary<string, int> Aliases, DateTimeOffset UpdatedAt)
{
    public IReadOnlyList<int> DeletedVersions { get; init; } = [];

    public int? CurrentVersion => Aliases.TryGetValue(AliasNames.Current, out var version) ? version : null;

    public IEnumerable<string> AliasesOf(int version) => Aliases.Where(a => a.Value == version).Select(a => a.Key).Order(StringComparer.Ordinal);
}
