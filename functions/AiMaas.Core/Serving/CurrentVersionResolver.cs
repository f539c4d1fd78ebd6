using System.Collections.Concurrent;
using AiMaas.Core.Registry;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving;

/// <summary>
/// Resolves a model's current version, reusing the answer for <see cref="AiMaasOptions.CurrentVersionCacheDuration"/>
/// so that plain predict does not read storage on every request.
/// </summary>
public sealed class CurrentVersionResolver(ModelRegistry registry, TimeProvider time, IOptions<AiMaasOptions> options)
{
    private readonly ConcurrentDictionary<string, (int? Version, DateTimeOffset Expires)> _resolved = new(StringComparer.Ordinal);

    public async Task<int?> ResolveAsync(string model, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_resolved.TryGetValue(model, out var cached) && cached.Expires > now && cached.Version is not null)
        {
            return cached.Version;
        }

        var document = await registry.GetModelAsync(model, cancellationToken).ConfigureAwait(false);
        var version = document?.CurrentVersion;
        _resolved[model] = (version, now + options.Value.CurrentVersionCacheDuration);
        return version;
    }
}
