using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace AiMaas.Core.Storage;

/// <summary>
/// Fails the Nth blob PUT under a prefix once, before it reaches storage, so tests can interrupt a multi-blob write
/// (a model version) at a chosen point. Added per call, ahead of the SDK's retries, so the failure reaches the caller.
/// </summary>
public sealed class BlobWriteFaultPolicy(string containerAndPrefix, int failingWrite) : HttpPipelinePolicy
{
    private int _writes;

    /// <summary>Adds the policy to <paramref name="options"/> when the test-only setting asks for it.</summary>
    public static void AddIfConfigured(BlobClientOptions options, IConfiguration configuration)
    {
        var settings = configuration.GetSection(BlobWriteFaultOptions.SectionName).Get<BlobWriteFaultOptions>();
        if (settings?.FailBlobWriteUnder is { Length: > 0 } prefix)
        {
            options.AddPolicy(new BlobWriteFaultPolicy(prefix.Trim('/'), Math.Max(1, settings.FailBlobWriteNumber)), HttpPipelinePosition.PerCall);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Put || !Matches(message.Request.Uri.ToUri()))
        {
            return;
        }

        if (Interlocked.Increment(ref _writes) == failingWrite)
        {
            throw new RequestFailedException(500, $"Injected fault: blob write {failingWrite} under '{containerAndPrefix}' failed.");
        }
    }

    // Path-style URIs (Azurite) carry the account as the first segment; host-style ones (Azure) do not.
    private bool Matches(Uri uri)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimStart('/');
        if (path.StartsWith(containerAndPrefix, StringComparison.Ordinal))
        {
            return true;
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && path.AsSpan(slash + 1).StartsWith(containerAndPrefix, StringComparison.Ordinal);
    }
}
