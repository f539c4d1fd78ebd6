using System.Globalization;
using AiMaas.Core.Jobs;
using AiMaas.Core.Training;

namespace AiMaas.Core.Audit;

/// <summary>Records what a training delivery did (started, finished, failed, promotion decided) from the job it left behind.</summary>
public sealed class TrainingAudit(AuditTrail audit, JobStore jobs)
{
    private const string Actor = "system (training worker)";

    public async Task RecordAsync(TrainingMessage message, TrainingOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome == TrainingOutcome.AlreadyFinished)
        {
            return;
        }

        var job = await jobs.GetAsync(JobIdOf(message), cancellationToken).ConfigureAwait(false);
        var target = $"jobs/{job?.JobId ?? JobIdOf(message)}";
        if (outcome == TrainingOutcome.Rejected)
        {
            Record("training.failed", target, job?.Model, "rejected", job?.Error);
            return;
        }

        Record("training.started", target, job?.Model, "started", Invariant($"delivery {message.DequeueCount}"), job?.StartedAt);
        Record("training.finished", target, job?.Model, "succeeded", Invariant($"version {job?.Version}"), job?.CompletedAt);
        if (job?.Promotion is { } promotion)
        {
            Record(
                "promotion.decided",
                $"models/{job.Model}/versions/{job.Version}",
                job.Model,
                promotion.Promoted ? "promoted" : "not promoted",
                $"{promotion.Policy}: {promotion.Reason}",
                job.CompletedAt);
        }
    }

    /// <summary>An unexpected failure; the queue retries it until the last delivery fails the job.</summary>
    public async Task RecordAttemptFailedAsync(TrainingMessage message, Exception exception, CancellationToken cancellationToken)
    {
        JobRecord? job = null;
        try
        {
            job = await jobs.GetAsync(JobIdOf(message), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage may be what failed; the record below still goes out.
        }

        var last = message.DequeueCount >= message.MaxDequeueCount;
        Record(
            "training.failed",
            $"jobs/{job?.JobId ?? JobIdOf(message)}",
            job?.Model,
            last ? "failed" : "will retry",
            Invariant($"delivery {message.DequeueCount} of {message.MaxDequeueCount}: {exception.GetType().Name}"));
    }

    private void Record(string action, string target, string? model, string outcome, string? detail, DateTimeOffset? time = null) =>
        audit.Record(new AuditRecord { Time = time ?? default, Actor = Actor, Action = action, Target = target, Model = model, Outcome = outcome, Detail = detail });

    private static string JobIdOf(TrainingMessage message)
    {
        var jobId = TrainingMessageParser.Parse(message.Body).Value?.JobId;
        return Identifiers.IsJobId(jobId) ? jobId : message.MessageId;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
