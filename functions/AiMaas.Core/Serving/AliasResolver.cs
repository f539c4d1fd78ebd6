using System.Collections.Concurrent;
using AiMaas.Core.Registry;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving;

/// <summary>
/// Resolves a model's alias (<c>current</c> by default) to a version, reusing the answer for
/// <see cref="AiMaasOptions.CurrentVersionCacheDuration"/> so that predict does not read storage on every request.
/// </summary>
public sealed class AliasResolver(ModelRegistry registry, TimeProvider time, IOptions<AiMaasOptions> options)
{
    private readonly ConcurrentDictionary<(string Model, string Alias), (int? Version, DateTimeOffset Expires)> _resolved = new();

    public async Task<int?> ResolveAsync(string model, string alias, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_resolved.TryGetValue((model, alias), out var cached) && cached.Expires > now && cached.Version is not null)
        {
            return cached.Version;
        }

        var document = await registry.GetModelAsync(model, cancellationToken).ConfigureAwait(false);
        int? version = document is not null && document.Aliases.TryGetValue(alias, out var aliased) ? aliased : null;
        _resolved[(model, alias)] = (version, now + options.Value.CurrentVersionCacheDuration);
        return version;
    }
}
