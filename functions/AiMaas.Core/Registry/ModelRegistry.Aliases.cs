namespace AiMaas.Core.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>Points <paramref name="alias"/> at a published version (promote or roll back).</summary>
    public Task<Result<VersionedDocument>> SetAliasAsync(string model, string alias, int version, string? ifMatch, CancellationToken cancellationToken) =>
        UpdateModelAsync(model, ifMatch, async document =>
        {
            if (document.DeletedVersions.Contains(version) || await GetManifestAsync(model, version, cancellationToken).ConfigureAwait(false) is null)
            {
                return Problem.NotFound($"Version {version} of model '{model}' does not exist.");
            }

            return document with { Aliases = new Dictionary<string, int>(document.Aliases) { [alias] = version } };
        }, cancellationToken);

    public Task<Result<VersionedDocument>> RemoveAliasAsync(string model, string alias, string? ifMatch, CancellationToken cancellationToken) =>
        UpdateModelAsync(model, ifMatch, document =>
        {
            if (!document.Aliases.ContainsKey(alias))
            {
                return Task.FromResult<Result<ModelDocument>>(Problem.NotFound($"Model '{model}' has no alias '{alias}'."));
            }

            var aliases = new Dictionary<string, int>(document.Aliases);
            aliases.Remove(alias);
            return Task.FromResult<Result<ModelDocument>>(document with { Aliases = aliases });
        }, cancellationToken);
}
