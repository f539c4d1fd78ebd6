using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// The bounded in-memory queue between the predict path and storage. Adding never waits: when the buffer is full (storage
/// slow or down) the record is dropped and counted.
/// </summary>
public sealed class PredictionLogBuffer(IOptions<PredictionLogOptions> options, PredictionLogMetrics metrics)
{
    private readonly Channel<CapturedPrediction> _channel = Channel.CreateBounded<CapturedPrediction>(
        new BoundedChannelOptions(options.Value.BufferCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });

    public ChannelReader<CapturedPrediction> Reader => _channel.Reader;

    public int Count => _channel.Reader.Count;

    public void Add(CapturedPrediction record)
    {
        if (!_channel.Writer.TryWrite(record))
        {
            metrics.RecordBufferFull();
        }
    }
}
