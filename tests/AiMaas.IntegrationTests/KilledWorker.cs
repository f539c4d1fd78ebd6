using AiMaas.Tests.Support;
using Azure.Storage.Queues;

namespace AiMaas.IntegrationTests;

/// <summary>What a worker killed mid-job leaves behind on a queue, done by hand.</summary>
internal static class KilledWorker
{
    /// <summary>Takes the message for a second and lets it go unsettled, as a killed worker does; its dequeue count.</summary>
    public static async Task<long> ReceiveUnsettledAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        var received = await Eventually.MatchesAsync(
            async token => (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1), token)).Value,
            messages => messages.Length == 1,
            TimeSpan.FromSeconds(30),
            cancellationToken,
            "the job's message to be visible on the queue");
        return received[0].DequeueCount;
    }
}
