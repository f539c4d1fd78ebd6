using System.Collections.Concurrent;
using AiMaas.Functions.Hosting;
using AiMaas.LocalRuntime.Discovery;
using AiMaas.LocalRuntime.Queues;
using AiMaas.Tests.Support;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiMaas.IntegrationTests;

/// <summary>The local runtime's queue trigger retries a failing message and then moves it to the poison queue, as the Functions host does.</summary>
[TestClass]
public sealed class QueueListenerTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task FailingFunction_IsRetriedMaxDequeueCountTimesThenPoisoned()
    {
        var token = TestContext.CancellationToken;
        var queueName = Platform.UniqueName("it-retry").ToLowerInvariant();
        var queue = new QueueClient(Platform.StorageConnectionString, queueName);
        var poison = new QueueClient(Platform.StorageConnectionString, queueName + "-poison");
        await queue.CreateAsync(cancellationToken: token);
        var method = typeof(AlwaysFailingFunction).GetMethod(nameof(AlwaysFailingFunction.Run))!;
        var descriptor = new FunctionDescriptor("AlwaysFailing", method, TriggerKind.Queue, method.GetParameters()[0]) { QueueName = queueName };
        var settings = new QueueHostSettings
        {
            MessageEncoding = "none",
            BatchSize = 1,
            MaxDequeueCount = 3,
            VisibilityTimeout = TimeSpan.Zero,
            MaxPollingInterval = TimeSpan.FromMilliseconds(200),
        };
        using var services = new ServiceCollection().BuildServiceProvider();
        using var listener = new QueueTriggerListener(
            descriptor, queue, poison, settings, TimeSpan.FromMinutes(10), services, TimeProvider.System, NullLogger<QueueTriggerListener>.Instance);
        await listener.StartAsync(token);
        try
        {
            await queue.SendMessageAsync(queueName, token);

            var poisoned = await WaitForPoisonAsync(poison, token);

            Assert.AreEqual(queueName, poisoned.Body.ToString());
            CollectionAssert.AreEqual(new long[] { 1, 2, 3 }, AlwaysFailingFunction.Deliveries[queueName].Order().ToArray());
            Assert.AreEqual(0, (await queue.PeekMessagesAsync(cancellationToken: token)).Value.Length);
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
            await queue.DeleteIfExistsAsync(CancellationToken.None);
            await poison.DeleteIfExistsAsync(CancellationToken.None);
        }
    }

    [TestMethod]
    public async Task FunctionRunningThreeTimesTheProcessingVisibility_IsDeliveredOnce()
    {
        var token = TestContext.CancellationToken;
        var queueName = Platform.UniqueName("it-long").ToLowerInvariant();
        var queue = new QueueClient(Platform.StorageConnectionString, queueName);
        var poison = new QueueClient(Platform.StorageConnectionString, queueName + "-poison");
        await queue.CreateAsync(cancellationToken: token);
        var method = typeof(LongRunningFunction).GetMethod(nameof(LongRunningFunction.RunAsync))!;
        var descriptor = new FunctionDescriptor("LongRunning", method, TriggerKind.Queue, method.GetParameters()[0]) { QueueName = queueName };

        // Room for more messages while one runs, so that a message whose visibility ran out would be taken again at once.
        var settings = new QueueHostSettings { MessageEncoding = "none", BatchSize = 4, MaxPollingInterval = TimeSpan.FromMilliseconds(200) };
        using var services = new ServiceCollection().BuildServiceProvider();
        using var listener = new QueueTriggerListener(
            descriptor, queue, poison, settings, LongRunningFunction.ProcessingVisibility, services, TimeProvider.System, NullLogger<QueueTriggerListener>.Instance);
        await listener.StartAsync(token);
        try
        {
            await queue.SendMessageAsync(queueName, token);

            await Eventually.TrueAsync(
                async t => LongRunningFunction.Completed.ContainsKey(queueName) && (await queue.GetPropertiesAsync(t)).Value.ApproximateMessagesCount == 0,
                TimeSpan.FromMinutes(1),
                token,
                "the long-running function to complete and its message to be deleted");

            Assert.AreEqual("1", string.Join(", ", LongRunningFunction.Deliveries[queueName].Order()), "dequeue counts of the deliveries");
            Assert.IsFalse(await poison.ExistsAsync(token));
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
            await queue.DeleteIfExistsAsync(CancellationToken.None);
            await poison.DeleteIfExistsAsync(CancellationToken.None);
        }
    }


    private static async Task<PeekedMessage> WaitForPoisonAsync(QueueClient poison, CancellationToken cancellationToken)
    {
        var peeked = await Eventually.MatchesAsync(
            async token => await poison.ExistsAsync(token) ? (await poison.PeekMessagesAsync(cancellationToken: token)).Value : [],
            messages => messages.Length > 0,
            TimeSpan.FromMinutes(1),
            cancellationToken,
            "a message on the poison queue");
        return peeked[0];
    }

    public sealed class AlwaysFailingFunction
    {
        public static ConcurrentDictionary<string, ConcurrentBag<long>> Deliveries { get; } = new();

        public static void Run(QueueMessage message)
        {
            Deliveries.GetOrAdd(message.Body.ToString(), _ => []).Add(message.DequeueCount);
            throw new InvalidOperationException("simulated failure");
        }
    }

    public sealed class LongRunningFunction
    {
        public static readonly TimeSpan ProcessingVisibility = TimeSpan.FromSeconds(2);

        public static ConcurrentDictionary<string, ConcurrentBag<long>> Deliveries { get; } = new();

        public static ConcurrentDictionary<string, bool> Completed { get; } = new();

        /// <summary>Runs for three processing visibilities: without renewal the message would reappear twice meanwhile.</summary>
        public static async Task RunAsync(QueueMessage message, CancellationToken cancellationToken)
        {
            Deliveries.GetOrAdd(message.Body.ToString(), _ => []).Add(message.DequeueCount);
            await Task.Delay(ProcessingVisibility * 3, cancellationToken);
            Completed[message.Body.ToString()] = true;
        }
    }
}
