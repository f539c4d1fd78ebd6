using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AiMaas.LocalRuntime.Queues;
using AiMaas.Tests.Support;
using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiMaas.IntegrationTests;

/// <summary>The local runtime renews a running message's visibility when the Functions host does (no storage involved).</summary>
[TestClass]
public sealed class VisibilityRenewalTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan HostVisibility = TimeSpan.FromMinutes(10);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Schedule_HostVisibility_HalfwayThenHalvingToOneMinuteAfterFailures()
    {
        var schedule = new VisibilityRenewalSchedule(HostVisibility);

        Assert.AreEqual(TimeSpan.FromMinutes(5), schedule.Normal);
        var afterFailures = Enumerable.Range(0, 4).Select(_ => schedule.Next(renewed: false).TotalMinutes).ToArray();
        CollectionAssert.AreEqual(new[] { 2.5, 1.25, 1.0, 1.0 }, afterFailures);
        Assert.AreEqual(TimeSpan.FromMinutes(5), schedule.Next(renewed: true));
    }

    [TestMethod]
    public void Schedule_ShortVisibility_MinimumScaledDown()
    {
        var schedule = new VisibilityRenewalSchedule(TimeSpan.FromSeconds(2));

        Assert.AreEqual(TimeSpan.FromSeconds(1), schedule.Normal);
        Assert.AreEqual(TimeSpan.FromMilliseconds(200), schedule.Minimum);
    }

    [TestMethod]
    public async Task Renewal_WhileRunning_RenewsEveryHalfVisibilityWithTheNewestPopReceipt()
    {
        var time = new TimerCountingTimeProvider(Start);
        var calls = new ConcurrentQueue<(DateTimeOffset At, string PopReceipt, TimeSpan Visibility)>();
        await using var renewal = StartRenewal(time, (popReceipt, visibility, _) =>
        {
            calls.Enqueue((time.GetUtcNow(), popReceipt, visibility));
            return Task.FromResult(QueuesModelFactory.UpdateReceipt($"receipt-{calls.Count}", time.GetUtcNow() + visibility));
        });

        await AdvanceThroughAsync(time, TimeSpan.FromMinutes(15));

        CollectionAssert.AreEqual(
            new[] { (Start.AddMinutes(5), "receipt-0", HostVisibility), (Start.AddMinutes(10), "receipt-1", HostVisibility), (Start.AddMinutes(15), "receipt-2", HostVisibility) },
            calls.ToArray());
        Assert.AreEqual("receipt-3", renewal.PopReceipt);
        Assert.AreEqual(Start.AddMinutes(25), renewal.NextVisibleOn);
    }

    [TestMethod]
    public async Task Renewal_StorageFault_RetriesSoonerThenBackToNormal()
    {
        var time = new TimerCountingTimeProvider(Start);
        var calls = new ConcurrentQueue<DateTimeOffset>();
        await using var renewal = StartRenewal(time, (popReceipt, visibility, _) =>
        {
            calls.Enqueue(time.GetUtcNow());
            return calls.Count is 1 or 2
                ? throw new RequestFailedException(503, "server busy")
                : Task.FromResult(QueuesModelFactory.UpdateReceipt(popReceipt, time.GetUtcNow() + visibility));
        });

        await AdvanceThroughAsync(time, TimeSpan.FromMinutes(14));

        // 5 min: fails; 2.5 min later fails again; 1.25 min later renews; then every 5 min.
        CollectionAssert.AreEqual(new[] { 5.0, 7.5, 8.75, 13.75 }, calls.Select(c => (c - Start).TotalMinutes).ToArray());
    }

    [TestMethod]
    [DataRow(404, null)]
    [DataRow(400, "PopReceiptMismatch")]
    public async Task Renewal_MessageNoLongerOurs_StopsRenewing(int status, string? errorCode)
    {
        var time = new TimerCountingTimeProvider(Start);
        var calls = 0;
        await using var renewal = StartRenewal(time, (_, _, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new RequestFailedException(status, "gone", errorCode, null);
        });

        time.Advance(TimeSpan.FromMinutes(5));
        await WaitForAsync(() => Volatile.Read(ref calls) == 1);
        await renewal.StopAsync();
        time.Advance(TimeSpan.FromHours(1));

        Assert.AreEqual(1, calls);
        Assert.AreEqual(1, time.TimersCreated, "no further renewal was scheduled");
    }

    [TestMethod]
    public async Task StopAsync_FunctionEnded_NoMoreRenewals()
    {
        var time = new TimerCountingTimeProvider(Start);
        var calls = 0;
        await using var renewal = StartRenewal(time, (popReceipt, visibility, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(QueuesModelFactory.UpdateReceipt(popReceipt, time.GetUtcNow() + visibility));
        });

        time.Advance(TimeSpan.FromMinutes(4));
        await renewal.StopAsync();
        time.Advance(TimeSpan.FromHours(1));

        Assert.AreEqual(0, calls);
    }

    [TestMethod]
    public async Task Renewal_RuntimeStopping_NoMoreRenewals()
    {
        var time = new TimerCountingTimeProvider(Start);
        var calls = 0;
        using var stopping = new CancellationTokenSource();
        await using var renewal = new MessageVisibilityRenewal(
            Message(),
            HostVisibility,
            (popReceipt, visibility, _) =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromResult(QueuesModelFactory.UpdateReceipt(popReceipt, time.GetUtcNow() + visibility));
            },
            time,
            NullLogger.Instance,
            stopping.Token);

        await stopping.CancelAsync();
        time.Advance(TimeSpan.FromHours(1));
        await renewal.StopAsync();

        Assert.AreEqual(0, calls);
    }

    private static MessageVisibilityRenewal StartRenewal(TimeProvider time, MessageVisibilityRenewal.Renew renew) =>
        new(Message(), HostVisibility, renew, time, NullLogger.Instance, CancellationToken.None);

    private static QueueMessage Message() =>
        QueuesModelFactory.QueueMessage("message-1", "receipt-0", "{}", dequeueCount: 1, nextVisibleOn: Start + HostVisibility);

    /// <summary>
    /// Advances the fake clock in 15-second steps, each only once the renewal loop has scheduled its next delay (a new
    /// timer) after any renewal the previous step caused, so that every delay starts at the fake time it was due.
    /// </summary>
    private async Task AdvanceThroughAsync(TimerCountingTimeProvider time, TimeSpan span)
    {
        var end = time.GetUtcNow() + span;
        while (time.GetUtcNow() < end)
        {
            var timers = time.TimersCreated;
            var pending = time.PendingDelayDue;
            time.Advance(TimeSpan.FromSeconds(15));
            if (pending <= time.GetUtcNow())
            {
                await WaitForAsync(() => time.TimersCreated > timers);
            }
        }
    }

    private Task WaitForAsync(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string waitingFor = "") =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(10), TestContext.CancellationToken, waitingFor);

    /// <summary>A fake clock that tells how many timers (Task.Delay calls) were made and when the last one is due.</summary>
    private sealed class TimerCountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _timersCreated;
        private long _pendingDueTicks = DateTimeOffset.MaxValue.UtcTicks;

        public int TimersCreated => Volatile.Read(ref _timersCreated);

        public DateTimeOffset PendingDelayDue => new(Interlocked.Read(ref _pendingDueTicks), TimeSpan.Zero);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Exchange(ref _pendingDueTicks, (GetUtcNow() + dueTime).UtcTicks);
            Interlocked.Increment(ref _timersCreated);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
