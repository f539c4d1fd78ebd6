using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AiMaas.Core.PredictionLog;
using AiMaas.Core.Serving;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiMaas.Core.Tests.PredictionLog;

[TestClass]
public sealed class PredictionLogFlusherTests
{
    public TestContext TestContext { get; set; } = null!;

    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task Flusher_BatchFillsToFlushRecords_WritesItBeforeTheInterval()
    {
        using var rig = new Rig(flushRecords: 3, flushInterval: TimeSpan.FromMinutes(1));
        rig.Add(1);
        await rig.Flusher.StartAsync(CancellationToken.None);

        // The first record wakes the flusher; two more arrive while the batch waits, and the next poll finds it full.
        await AdvanceUntilAsync(rig.Time, () => rig.Time.GetUtcNow() - rig.Start >= PredictionLogFlusher.PollInterval * 3);
        Assert.IsEmpty(rig.Sink.Written, "a part batch waits");
        rig.Add(2);
        await AdvanceUntilAsync(rig.Time, () => rig.Sink.Written.Count == 3);

        Assert.IsLessThan(TimeSpan.FromMinutes(1), rig.Time.GetUtcNow() - rig.Start, "written when the batch was full, not at the interval");
        await rig.Flusher.StopAsync(CancellationToken.None);
    }

    [TestMethod]
    public async Task Flusher_FewRecords_WritesThemAtTheInterval()
    {
        using var rig = new Rig(flushRecords: 1000, flushInterval: TimeSpan.FromSeconds(2));
        rig.Add(5);
        await rig.Flusher.StartAsync(CancellationToken.None);

        await AdvanceUntilAsync(rig.Time, () => rig.Sink.Written.Count == 5);

        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromSeconds(2), rig.Time.GetUtcNow() - rig.Start, "a part batch waits for the interval");
        await rig.Flusher.StopAsync(CancellationToken.None);
    }

    [TestMethod]
    public async Task Flusher_GracefulStop_WritesTheBatchItHolds()
    {
        using var rig = new Rig(flushRecords: 1000, flushInterval: TimeSpan.FromMinutes(10));
        rig.Add(7);
        await rig.Flusher.StartAsync(CancellationToken.None);

        await rig.Flusher.StopAsync(CancellationToken.None);

        Assert.HasCount(7, rig.Sink.Written);
        Assert.AreEqual(7, rig.Metrics.Written);
    }

    [TestMethod]
    public void Buffer_Full_DropsAndCountsWithoutWaiting()
    {
        using var rig = new Rig(flushRecords: 10, flushInterval: TimeSpan.FromSeconds(1), capacity: 4);

        rig.Add(6);

        Assert.AreEqual(4, rig.Buffer.Count);
        Assert.AreEqual(2, rig.Metrics.DroppedBufferFull);
    }

    [TestMethod]
    public void Buffer_Add_KeepsTheLineNotTheRequest()
    {
        using var rig = new Rig(flushRecords: 10, flushInterval: TimeSpan.FromSeconds(1));

        // Under load, requests held until a background drain survived gen0 collections: the buffer must let them go at once.
        var request = rig.AddOneAndForgetIt();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.IsFalse(request.IsAlive, "the buffer holds a reference to the request");
        Assert.AreEqual(1, rig.Buffer.Count);
        var line = rig.Buffer.Take().Partitions.Values.Single();
        StringAssert.Contains(System.Text.Encoding.UTF8.GetString(line.Bytes.Span), "\"id\":\"req-0\"");
    }

    /// <summary>
    /// Moves the fake clock one poll interval at a time, giving the flusher a moment between steps, until the condition
    /// holds. Not <see cref="Eventually"/>: that only waits, and its growing interval would make two seconds of fake
    /// time take many seconds of real time.
    /// </summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + s_deadline;
        while (!condition())
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, "the condition did not hold in time");
            time.Advance(PredictionLogFlusher.PollInterval);
            await Task.Delay(5);
        }
    }

    private sealed class Rig : IDisposable
    {
        private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        private int _next;

        public Rig(int flushRecords, TimeSpan flushInterval, int capacity = 1000)
        {
            var options = Options.Create(new PredictionLogOptions { FlushRecords = flushRecords, FlushInterval = flushInterval, BufferCapacity = capacity });
            Metrics = new PredictionLogMetrics(_services.GetRequiredService<IMeterFactory>());
            Buffer = new PredictionLogBuffer(options, Metrics, new PredictionRecordSerializer(options));
            Start = Time.GetUtcNow();
            Flusher = new PredictionLogFlusher(Buffer, Sink, Metrics, options, Time, NullLogger<PredictionLogFlusher>.Instance);
        }

        public FakeTimeProvider Time { get; } = new();

        public DateTimeOffset Start { get; }

        public PredictionLogMetrics Metrics { get; }

        public PredictionLogBuffer Buffer { get; }

        public RecordingSink Sink { get; } = new();

        public PredictionLogFlusher Flusher { get; }

        public void Add(int count)
        {
            for (var i = 0; i < count; i++)
            {
                AddOneAndForgetIt();
            }
        }

        /// <summary>Adds one record and returns a weak reference to its call, made where no local outlives the call.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        public WeakReference AddOneAndForgetIt()
        {
            var call = new PredictionCall("aimaas", new ModelReference("m"), $"req-{_next++}", Time.GetUtcNow(), 0);
            Buffer.Add(new CapturedPrediction(call, new LoggingSettings { Enabled = true }, 200, null, 1.0));
            return new WeakReference(call);
        }

        public void Dispose()
        {
            Flusher.Dispose();
            _services.Dispose();
        }
    }

    private sealed class RecordingSink : IPredictionLogSink
    {
        /// <summary>Each line appended, copied out of the flusher's buffer (which it reuses).</summary>
        public ConcurrentQueue<byte[]> Written { get; } = new();

        public Task AppendAsync(string partition, LogCompression compression, LogLines lines, CancellationToken cancellationToken)
        {
            var start = 0;
            foreach (var end in lines.Ends)
            {
                Written.Enqueue(lines.Bytes[start..end].ToArray());
                start = end;
            }

            return Task.CompletedTask;
        }
    }
}
