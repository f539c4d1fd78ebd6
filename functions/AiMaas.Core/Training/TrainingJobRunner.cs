using System.Text;
using AiMaas.Core.Data;
using AiMaas.Core.Datasets;
using AiMaas.Core.Diagnostics;
using AiMaas.Core.Drift;
using AiMaas.Core.Evaluation;
using AiMaas.Core.Jobs;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Fidelity;
using AiMaas.Core.Training.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Training;

/// <summary>
/// Runs one training job from a queue message: bad requests fail the job at once and are not retried;
/// unexpected failures propagate so the queue retries them, and the last attempt marks the job failed.
/// </summary>
public sealed class TrainingJobRunner(
    DatasetStore datasets,
    ModelTrainer trainer,
    ModelRegistry registry,
    PromotionDecider promotion,
    ExplanationRecorder explanations,
    EvaluationStore evaluations,
    JobStore jobs,
    IJobMonitor monitor,
    NativeHeapTrimmer nativeHeap,
    TimeProvider time,
    IOptions<AiMaasOptions> options,
    ILogger<TrainingJobRunner> logger)
{
    public async Task<TrainingOutcome> RunAsync(TrainingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAttemptAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // What the trainer freed natively goes back to the OS instead of growing the instance with every job.
            nativeHeap.AfterJob(message.MessageId);
        }
    }

    private async Task<TrainingOutcome> RunAttemptAsync(TrainingMessage message, CancellationToken cancellationToken)
    {
        var parsed = TrainingMessageParser.Parse(message.Body);
        if (parsed.Failed(out var unreadable))
        {
            await FailAsync(NewJob(message.MessageId, request: null), message, unreadable.Detail, cancellationToken).ConfigureAwait(false);
            return TrainingOutcome.Rejected;
        }

        var request = parsed.Value;

        var jobId = Identifiers.IsJobId(request.JobId) ? request.JobId : message.MessageId;
        var job = await jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false) ?? NewJob(jobId, request);
        if (job.IsFinished)
        {
            logger.JobAlreadyFinished(jobId, job.Status);
            return TrainingOutcome.AlreadyFinished;
        }

        var spec = TrainingRequestValidator.Validate(request, options.Value.MaxInlineCsvBytes);
        if (spec.Failed(out var problem))
        {
            await FailAsync(job, message, problem.Detail, cancellationToken).ConfigureAwait(false);
            return TrainingOutcome.Rejected;
        }

        var startedAt = time.GetUtcNow();
        job = job with
        {
            Status = JobStatus.Running,
            Attempts = (int)message.DequeueCount,
            StartedAt = startedAt,
            UpdatedAt = startedAt,
            Error = null,
            LastAliveAt = startedAt,
            Progress = new JobProgress { Stage = JobStage.Reading },
        };
        await jobs.SaveAsync(job, cancellationToken).ConfigureAwait(false);
        logger.TrainingStarted(jobId, spec.Value.Model, message.DequeueCount);

        // Cancellation (the worker stopping) writes nothing more: the heartbeat goes quiet and the queue redelivers.
        var running = monitor.Start(job, cancellationToken);
        await using var stopsRunning = running.ConfigureAwait(false);
        try
        {
            var published = await TrainAndPublishAsync(spec.Value, jobId, running, cancellationToken).ConfigureAwait(false);
            if (published.Failed(out var rejected))
            {
                await FailAsync(await running.StopAsync().ConfigureAwait(false), message, rejected.Detail, cancellationToken).ConfigureAwait(false);
                return TrainingOutcome.Rejected;
            }

            var (manifest, promotion) = published.Value;
            job = await running.StopAsync().ConfigureAwait(false);
            var now = time.GetUtcNow();
            await jobs.SaveAsync(
                job with { Status = JobStatus.Succeeded, Version = manifest.Version, Metrics = manifest.Metrics, Task = manifest.Task, Promotion = promotion, Tuning = manifest.Tuning, CompletedAt = now, UpdatedAt = now },
                cancellationToken).ConfigureAwait(false);
            logger.TrainingSucceeded(jobId, manifest.Model, manifest.Version, manifest.TrainingSeconds);
            return TrainingOutcome.Succeeded;
        }
        catch (ProblemException ex)
        {
            await FailAsync(await running.StopAsync().ConfigureAwait(false), message, ex.Message, cancellationToken).ConfigureAwait(false);
            return TrainingOutcome.Rejected;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordAttemptFailureAsync(await running.StopAsync().ConfigureAwait(false), message, ex, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <returns>The published manifest and its promotion, or the problem with the request or its data.</returns>
    private async Task<Result<(ModelManifest Manifest, PromotionDecision Promotion)>> TrainAndPublishAsync(
        TrainingSpec spec, string jobId, IJobProgress progress, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var opened = await OpenDatasetAsync(spec, progress, cancellationToken).ConfigureAwait(false);
        if (opened.Failed(out var problem))
        {
            return problem;
        }

        var (source, dataset) = opened.Value;
        using var disposeSource = source;
        var result = trainer.Train(source, spec, progress);
        if (result.Failed(out problem))
        {
            return problem;
        }

        var trained = result.Value;
        if (spec.PromotionMetric is { } metric && !TaskMetrics.For(trained.Task).Contains(metric))
        {
            return Problem.Invalid(
                "promotionMetric", $"'{metric}' is not a {trained.Task.ToString().ToLowerInvariant()} metric; expected one of {string.Join(", ", TaskMetrics.For(trained.Task))}.");
        }

        var version = await registry.ReserveVersionAsync(spec.Model, jobId, cancellationToken).ConfigureAwait(false);
        var probe = ProbeSetFactory.Serialize(trained.Probe!);
        var manifest = TrainedManifest.Create(spec.Model, version, spec.Label, trained, dataset with { Rows = source.Profile.Rows }, time.GetUtcNow(), PlatformInfo.Version) with
        {
            FeatureStatistics = FeatureStatisticsCalculator.Compute(source.Profile.Headers, source.ReadRows(), trained.Features),
            Probe = new ProbeReference(ModelPaths.Probe(spec.Model, version), ContentHash.Sha256(probe), trained.Probe!.Rows),
            TrainingSeconds = Math.Round(time.GetElapsedTime(started).TotalSeconds, 3),
            JobId = jobId,
        };
        manifest = manifest with { Explanations = await explanations.RecordAsync(manifest, trained, cancellationToken).ConfigureAwait(false) };
        if (trained is { Transformer: { } model, HoldOut: { } holdOut })
        {
            await evaluations.SaveAsync(EvaluationSampler.Create(model, manifest, holdOut, options.Value.TrainingSeed), cancellationToken).ConfigureAwait(false);
        }

        var (decision, etag) = await promotion.EvaluateAsync(manifest, trained, spec.Promote, spec.PromotionMetric, cancellationToken).ConfigureAwait(false);
        progress.Report(JobStage.Saving);
        var published = await registry.PublishAsync(manifest with { Promotion = decision }, trained.Zip, probe, cancellationToken).ConfigureAwait(false);
        decision = await promotion.ApplyAsync(published, trained, spec.Promote, spec.PromotionMetric, decision, etag, cancellationToken).ConfigureAwait(false);
        if (options.Value.RetainVersions > 0)
        {
            var deleted = await registry.ApplyRetentionAsync(spec.Model, options.Value.RetainVersions, cancellationToken).ConfigureAwait(false);
            if (deleted.Count > 0)
            {
                logger.RetentionDeleted(spec.Model, string.Join(",", deleted));
            }
        }

        return (published, decision);
    }

    /// <summary>
    /// The training rows: an inline CSV parsed in memory, or the dataset streamed to a local file (decompressed when
    /// it is gzip; Parquet read row group by row group) and profiled in one pass, never held whole in memory.
    /// </summary>
    private async Task<Result<(TrainingSource Source, DatasetReference Dataset)>> OpenDatasetAsync(TrainingSpec spec, IJobProgress progress, CancellationToken cancellationToken)
    {
        if (spec.Csv is { } csv)
        {
            var table = CsvTableReader.Read(csv);
            return ((TrainingSource)new TableTrainingSource(table), new DatasetReference(null, ContentHash.Sha256(Encoding.UTF8.GetBytes(csv)), table.Rows.Count));
        }

        var downloaded = await datasets.DownloadToFileAsync(spec.Dataset!, cancellationToken).ConfigureAwait(false);
        if (downloaded.Failed(out var problem))
        {
            return problem.Kind == ProblemKind.NotFound ? Problem.Invalid("dataset", problem.Detail) : problem;
        }

        var file = downloaded.Value;
        try
        {
            var source = new FileTrainingSource(file.Path, ownsFile: true, rows => progress.Report(JobStage.Reading, rowsRead: rows), spec.Dataset!);
            return ((TrainingSource)source, new DatasetReference(spec.Dataset, file.Sha256, source.Profile.Rows));
        }
        catch
        {
            File.Delete(file.Path);
            throw;
        }
    }

    private async Task FailAsync(JobRecord job, TrainingMessage message, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await jobs.SaveAsync(job with { Status = JobStatus.Failed, Error = error, Attempts = (int)message.DequeueCount, CompletedAt = now, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
        logger.TrainingRejected(job.JobId, error);
    }

    private async Task RecordAttemptFailureAsync(JobRecord job, TrainingMessage message, Exception exception, CancellationToken cancellationToken)
    {
        var last = message.DequeueCount >= message.MaxDequeueCount;
        logger.TrainingAttemptFailed(exception, job.JobId, message.DequeueCount, message.MaxDequeueCount);
        var now = time.GetUtcNow();
        var error = $"Attempt {message.DequeueCount} of {message.MaxDequeueCount} failed: {exception.Message}";
        try
        {
            await jobs.SaveAsync(
                job with { Status = last ? JobStatus.Failed : JobStatus.Queued, Error = error, CompletedAt = last ? now : null, UpdatedAt = now },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage itself may be what failed; the queue's retry is still the job's best chance.
            logger.JobUpdateFailed(ex, job.JobId);
        }
    }

    private JobRecord NewJob(string jobId, TrainingRequest? request)
    {
        var now = time.GetUtcNow();
        return new JobRecord
        {
            JobId = jobId,
            Status = JobStatus.Queued,
            Model = request?.Model,
            Dataset = request?.Dataset,
            Label = request?.Label,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
