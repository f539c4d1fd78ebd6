using System.Threading.Channels;
using AiMaas.Core.Access;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Audit;

/// <summary>
/// Where audit records are handed in: a bounded in-memory buffer drained by <see cref="AuditWriter"/>, so a request never
/// waits on storage. When storage falls behind, the oldest buffered records are dropped and counted.
/// </summary>
public sealed class AuditTrail
{
    private readonly Channel<AuditRecord> _buffer;
    private readonly TimeProvider _time;
    private long _dropped;

    public AuditTrail(IOptions<AccessOptions> options, TimeProvider time)
    {
        _time = time;
        _buffer = Channel.CreateBounded<AuditRecord>(
            new BoundedChannelOptions(options.Value.AuditBufferCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        Instance = InstanceName();
    }

    /// <summary>This instance's name in the audit blob path.</summary>
    public string Instance { get; }

    public long Dropped => Interlocked.Read(ref _dropped);

    internal ChannelReader<AuditRecord> Reader => _buffer.Reader;

    public void Record(AuditRecord record) =>
        _buffer.Writer.TryWrite(record with { Time = record.Time == default ? _time.GetUtcNow() : record.Time, Instance = Instance });

    private static string InstanceName()
    {
        var host = Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID") is { Length: > 0 } id ? id[..Math.Min(id.Length, 16)] : Environment.MachineName;
        var safe = new string(host.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').ToArray()).ToLowerInvariant();

        // Several hosts can share a machine (and tests run two in one process): each writes its own blob.
        return $"{safe}-{Guid.NewGuid().ToString("N")[..8]}";
    }
}
