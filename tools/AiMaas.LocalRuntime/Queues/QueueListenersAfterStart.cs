using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiMaas.LocalRuntime.Queues;

/// <summary>
/// Makes and starts the queue listeners once the host listens rather than with the hosted services before it: on a
/// fresh process their queue clients, first polls and code loading would otherwise compete with the start-up for the
/// CPU (bench/README.md, cold). Messages wait in the queue meanwhile; processing itself is the listeners' and unchanged.
/// </summary>
internal sealed class QueueListenersAfterStart(IServiceProvider services, IHostApplicationLifetime lifetime) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private QueueTriggerListener[] _listeners = [];
    private CancellationTokenRegistration _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _started = lifetime.ApplicationStarted.Register(() =>
        {
            lock (_gate)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                _listeners = services.GetServices<QueueTriggerListener>().ToArray();
                foreach (var listener in _listeners)
                {
                    // BackgroundService.StartAsync runs ExecuteAsync in the background and returns at once.
                    _ = listener.StartAsync(_stopping.Token);
                }
            }
        });
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _started.DisposeAsync();
        QueueTriggerListener[] listeners;
        lock (_gate)
        {
            _stopping.Cancel();
            listeners = _listeners;
        }

        await Task.WhenAll(listeners.Select(l => l.StopAsync(cancellationToken)));
    }

    public void Dispose()
    {
        _started.Dispose();
        _stopping.Dispose();
    }
}
