using System.Reflection;
using AiMaas.Core.Storage;
using AiMaas.Functions.Hosting;
using AiMaas.LocalRuntime.Discovery;
using AiMaas.LocalRuntime.Invocation;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiMaas.LocalRuntime.Queues;

/// <summary>
/// Runs a queue-triggered function with the Functions host's documented behaviour: polling that backs off to
/// <c>maxPollingInterval</c>, <c>batchSize</c> messages at once with a new batch at <c>newBatchThreshold</c>,
/// a running message kept invisible by renewing its processing visibility, a failed message reappearing after
/// <c>visibilityTimeout</c>, and after <c>maxDequeueCount</c> deliveries a move to <c>&lt;queue&gt;-poison</c>.
/// </summary>
public sealed class QueueTriggerListener(
    FunctionDescriptor function,
    QueueClient queue,
    QueueClient poisonQueue,
    QueueHostSettings settings,
    TimeSpan processingVisibility,
    IServiceProvider services,
    TimeProvider time,
    ILogger<QueueTriggerListener> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly FunctionInvoker _invoker = new(function.Method);
    private readonly Func<QueueMessage, CancellationToken, object?>[] _binders = function.Method.GetParameters().Select(CreateBinder).ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        logger.ListeningToQueue(function.Name, queue.Name, settings.BatchSize, settings.MaxDequeueCount);
        var running = new List<Task>();
        var delay = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count > settings.EffectiveNewBatchThreshold)
            {
                await Task.WhenAny(running);
                continue;
            }

            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(Math.Clamp(settings.BatchSize, 1, 32), processingVisibility, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException || StorageOutage.Is(ex))
            {
                // Storage down: the SDK's exhausted retries arrive as an AggregateException; keep polling, never stop the host.
                logger.PollFailed(ex, queue.Name);
                messages = [];
            }

            if (messages.Length == 0)
            {
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Math.Max(settings.MaxPollingInterval.Ticks, MinimumPollingInterval.Ticks)));
                continue;
            }

            delay = MinimumPollingInterval;
            running.AddRange(messages.Select(m => ProcessAsync(m, stoppingToken)));
        }

        await Task.WhenAll(running);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, message.PopReceipt, stoppingToken);
                return;
            }

            // While the function runs its message stays ours; if the process dies, renewal dies with it and the message
            // reappears one processing visibility after the last renewal.
            var renewal = new MessageVisibilityRenewal(
                message,
                processingVisibility,
                async (popReceipt, visibility, token) =>
                    (await queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: visibility, cancellationToken: token)).Value,
                time,
                logger,
                stoppingToken);
            await using (renewal)
            {
                try
                {
                    await using var scope = services.CreateAsyncScope();
                    await _invoker.InvokeAsync(scope.ServiceProvider, _binders.Select(b => b(message, stoppingToken)).ToArray());
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    await renewal.StopAsync();
                    logger.FunctionFailed(ex, function.Name, message.MessageId, message.DequeueCount);
                    if (message.DequeueCount >= settings.MaxDequeueCount)
                    {
                        await MoveToPoisonAsync(message, renewal.PopReceipt, stoppingToken);
                    }
                    else
                    {
                        await queue.UpdateMessageAsync(message.MessageId, renewal.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: stoppingToken);
                    }

                    return;
                }

                await renewal.StopAsync();
                await queue.DeleteMessageAsync(message.MessageId, renewal.PopReceipt, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the message becomes visible again when its processing visibility runs out.
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException || StorageOutage.Is(ex))
        {
            logger.MessageSettlementFailed(ex, message.MessageId, queue.Name);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt, CancellationToken cancellationToken)
    {
        await poisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poisonQueue.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, popReceipt, cancellationToken);
        logger.MovedToPoison(message.MessageId, queue.Name, poisonQueue.Name, message.DequeueCount);
    }

    private static Func<QueueMessage, CancellationToken, object?> CreateBinder(ParameterInfo parameter) => parameter.ParameterType switch
    {
        var t when t == typeof(QueueMessage) => (message, _) => message,
        var t when t == typeof(string) => (message, _) => message.Body.ToString(),
        var t when t == typeof(BinaryData) => (message, _) => message.Body,
        var t when t == typeof(CancellationToken) => (_, token) => token,
        _ => throw new NotSupportedException(
            $"Parameter '{parameter.Name}' of type {parameter.ParameterType.Name} on {parameter.Member.DeclaringType!.Name}.{parameter.Member.Name} cannot be bound by the local runtime."),
    };
}
