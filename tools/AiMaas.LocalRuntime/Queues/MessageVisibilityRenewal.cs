using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace AiMaas.LocalRuntime.Queues;

/// <summary>
/// Keeps a message invisible while its function runs, renewing on the <see cref="VisibilityRenewalSchedule"/>, and keeps the
/// newest pop receipt, which the message's final delete or release must use. Renewal ends when the function ends
/// (<see cref="StopAsync"/>), when the runtime stops, or when the message is no longer ours.
/// </summary>
public sealed class MessageVisibilityRenewal : IAsyncDisposable
{
    /// <summary>Renews the message with the given pop receipt for the given visibility.</summary>
    public delegate Task<UpdateReceipt> Renew(string popReceipt, TimeSpan visibility, CancellationToken cancellationToken);

    private readonly string _messageId;
    private readonly TimeSpan _visibility;
    private readonly Renew _renew;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationToken _stoppingToken;
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;

    public MessageVisibilityRenewal(
        QueueMessage message, TimeSpan visibility, Renew renew, TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        _messageId = message.MessageId;
        PopReceipt = message.PopReceipt;
        NextVisibleOn = message.NextVisibleOn;
        _visibility = visibility;
        _renew = renew;
        _time = time;
        _logger = logger;
        _stoppingToken = stoppingToken;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _loop = RunAsync();
    }

    /// <summary>The pop receipt of the last successful renewal.</summary>
    public string PopReceipt { get; private set; }

    /// <summary>When the message becomes visible again unless renewed.</summary>
    public DateTimeOffset? NextVisibleOn { get; private set; }

    /// <summary>Stops renewing; a renewal in flight completes first, so that <see cref="PopReceipt"/> is current afterwards.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var schedule = new VisibilityRenewalSchedule(_visibility);
        var delay = schedule.Normal;
        try
        {
            while (true)
            {
                await Task.Delay(delay, _time, _stop.Token).ConfigureAwait(false);
                try
                {
                    var receipt = await _renew(PopReceipt, _visibility, _stoppingToken).ConfigureAwait(false);
                    PopReceipt = receipt.PopReceipt;
                    NextVisibleOn = receipt.NextVisibleOn;
                    delay = schedule.Next(renewed: true);
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 409 || ex.ErrorCode == QueueErrorCode.PopReceiptMismatch)
                {
                    // Pop receipt mismatch, message or queue gone, queue being deleted: the message is no longer ours.
                    _logger.VisibilityRenewalLost(ex, _messageId);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Storage busy or unreachable: try again sooner, while the message is still ours.
                    delay = schedule.Next(renewed: false);
                    _logger.VisibilityRenewalFailed(ex, _messageId, delay);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
