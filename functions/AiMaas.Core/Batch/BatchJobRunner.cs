using System.Diagnostics;
using AiMaas.Core.Diagnostics;
using AiMaas.Core.Jobs;
using AiMaas.Core.Serving;
using AiMaas.Core.Storage;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Batch;

/// <summary>
/// Runs a batch scoring job from its queue message: streams the input, scores it chunk by chunk through the model's scorer,
/// and commits each chunk's predictions and errors before the next. A redelivered job continues after the last committed
/// chunk, so every row is written once. Input that cannot be scored fails the job at once; an unexpected failure is
/// rethrown for the queue to retry, and the last attempt fails the job.
/// </summary>
public sealed partial class BatchJobRunner(
    BatchStore jobs,
    BatchStorage batchStorage,
    AiMaasStorage storage,
    ModelProvider models,
    TimeProvider time,
    ILogger<BatchJobRunner> logger)
{
    /// <summary>The job record is written at most this often while a job runs; the blobs' block lists, not the record, are what a redelivery resumes from.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    /// <param name="messageBody">The queue message.</param>
    /// <param name="dequeueCount">Which delivery this is.</param>
    /// <param name="maxDequeueCount">The delivery after which the queue gives up.</param>
    /// <param name="progress">Told of the job after each committed chunk (the record is saved then too).</param>
    /// <param name="cancellationToken">Stops the job between chunks; what was committed stays.</param>
    public async Task RunAsync(string messageBody, long dequeueCount, int maxDequeueCount, IProgress<BatchJob>? progress, CancellationToken cancellationToken)
    {
        var jobId = BatchMessages.ParseJobId(messageBody);
        var job = jobId is null ? null : await jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            logger.BatchMessageIgnored(messageBody.Length > 200 ? messageBody[..200] : messageBody);
            return;
        }

        if (job.IsFinished)
        {
            logger.BatchJobAlreadyFinished(job.JobId, job.Status);
            return;
        }

        var now = time.GetUtcNow();
        if (dequeueCount > maxDequeueCount)
        {
            // Delivered more often than the host allows (a host with a higher limit, or a message moved back by hand):
            // the earlier attempts ended without a result, so end the job rather than run it again.
            job = BatchPoisonHandler.Fail(job, maxDequeueCount, batchStorage.ScoringPoisonQueue.Name, now);
            await jobs.SaveAsync(job, cancellationToken).ConfigureAwait(false);
            logger.BatchPoisoned(job.JobId, job.Attempts, maxDequeueCount);
            return;
        }

        job = job with { Status = JobStatus.Running, Attempts = (int)dequeueCount, StartedAt = job.StartedAt ?? now, UpdatedAt = now, Error = null };
        await jobs.SaveAsync(job, cancellationToken).ConfigureAwait(false);
        logger.BatchJobStarted(job.JobId, job.Model, job.Version, dequeueCount);
        try
        {
            job = await ScoreAsync(job, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (ProblemException ex)
        {
            job = Finish(job, JobStatus.Failed, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordAttemptFailureAsync(job, dequeueCount, maxDequeueCount, ex, cancellationToken).ConfigureAwait(false);
            throw;
        }

        await jobs.SaveAsync(job, cancellationToken).ConfigureAwait(false);
        logger.BatchJobFinished(job.JobId, job.Status, job.RowsScored, job.RowsFailed, job.DurationSeconds ?? 0);
    }

    private async Task<BatchJob> ScoreAsync(BatchJob job, IProgress<BatchJob>? progress, CancellationToken cancellationToken)
    {
        var loaded = await models.GetAsync(new ModelReference(job.Model, job.Version), cancellationToken).ConfigureAwait(false);
        if (loaded.Failed(out var problem))
        {
            return Finish(job, JobStatus.Failed, problem.Detail);
        }

        var created = ChunkScorer.Create(loaded.Value, job.KeepColumns);
        if (created.Failed(out problem))
        {
            return Finish(job, JobStatus.Failed, problem.Detail);
        }

        var scorer = created.Value;
        var results = await ResultBlocks.OpenAsync(
            batchStorage.Results.GetBlockBlobClient(job.Outputs.Predictions),
            batchStorage.Results.GetBlockBlobClient(job.Outputs.Errors),
            cancellationToken).ConfigureAwait(false);
        var chunkRows = job.ChunkRows;
        var skip = (long)results.Chunks * chunkRows;
        var run = new Run(job, Stopwatch.GetTimestamp(), results.RowsScored + results.RowsFailed, progress) { ChunksScored = results.Chunks };
        try
        {
            await foreach (var row in InputRowReader.ReadAsync(storage.Datasets, job.InputBlobs, scorer.Columns, scorer.Numeric, cancellationToken).ConfigureAwait(false))
            {
                if (row.Number <= skip)
                {
                    continue;
                }

                scorer.Add(row);
                if (scorer.Rows == chunkRows)
                {
                    // The chunk's blocks are committed while the next chunk is read; commits stay in chunk order.
                    await StartCommitAsync(run, scorer, results, cancellationToken).ConfigureAwait(false);
                    if (Exceeded(run.Job))
                    {
                        await WaitForCommitAsync(run).ConfigureAwait(false);
                        return Finish(run.Job, JobStatus.Failed, ThresholdError(run.Job));
                    }
                }
            }

            await WaitForCommitAsync(run).ConfigureAwait(false);
            if (scorer.Rows > 0 || run.ChunksScored == 0)
            {
                await StartCommitAsync(run, scorer, results, cancellationToken).ConfigureAwait(false);
                await WaitForCommitAsync(run).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // A graceful stop: leave the record at the last committed chunk, where a redelivery will continue.
            await WaitQuietlyAsync(run).ConfigureAwait(false);
            if (run.Unsaved)
            {
                await SaveQuietlyAsync(run.Job).ConfigureAwait(false);
            }

            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && run.Pending is not null)
        {
            await WaitQuietlyAsync(run).ConfigureAwait(false);
            throw;
        }

        logger.BatchJobTimings(run.Job.JobId, results.Chunks, Run.Seconds(Stopwatch.GetTimestamp() - run.Started - run.ScoringTicks - run.WaitTicks),
            Run.Seconds(run.ScoringTicks), Run.Seconds(run.CommitTicks), Run.Seconds(run.WaitTicks), Run.Seconds(run.RecordTicks));
        return Exceeded(run.Job) ? Finish(run.Job, JobStatus.Failed, ThresholdError(run.Job)) : Finish(run.Job, JobStatus.Succeeded, error: null);
    }

    /// <summary>
    /// Waits for the previous chunk's commit, scores this chunk and starts committing it in the background. The scorer
    /// renders into two buffers in turn, so the one being uploaded is never the one being written.
    /// </summary>
    private async Task StartCommitAsync(Run run, ChunkScorer scorer, ResultBlocks results, CancellationToken cancellationToken)
    {
        await WaitForCommitAsync(run).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var timer = Stopwatch.GetTimestamp();
        var (csv, errors, scored) = scorer.Score(withHeader: run.ChunksScored == 0);
        run.ScoringTicks += Stopwatch.GetTimestamp() - timer;
        run.ChunksScored++;
        run.Pending = CommitChunkAsync(run, results, csv, errors, scored, scorer.Failed, cancellationToken);
        scorer.Clear();
    }

    private static async Task WaitForCommitAsync(Run run)
    {
        if (run.Pending is { } pending)
        {
            var timer = Stopwatch.GetTimestamp();
            run.Pending = null;
            await pending.ConfigureAwait(false);
            run.WaitTicks += Stopwatch.GetTimestamp() - timer;
        }
    }

    private static async Task WaitQuietlyAsync(Run run)
    {
        try
        {
            if (run.Pending is { } pending)
            {
                run.Pending = null;
                await pending.ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // The attempt is ending for another reason; a redelivery reads what was committed from the block lists.
        }
    }

    /// <summary>Commits one chunk's blocks; the job record is written at most every <see cref="ProgressInterval"/>, and by the caller at the end.</summary>
    private async Task CommitChunkAsync(
        Run run, ResultBlocks results, ReadOnlyMemory<byte> csv, ReadOnlyMemory<byte> errors, int scored, int failed, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.GetTimestamp();
        await results.CommitAsync(csv, errors, scored, failed, cancellationToken).ConfigureAwait(false);
        run.CommitTicks += Stopwatch.GetTimestamp() - timer;
        var seconds = Stopwatch.GetElapsedTime(run.Started).TotalSeconds;
        var done = results.RowsScored + results.RowsFailed - run.RowsAtStart;
        var rate = seconds > 0 ? Math.Round(done / seconds, 1) : (double?)null;
        var now = time.GetUtcNow();
        run.Job = run.Job with
        {
            RowsScored = results.RowsScored,
            RowsFailed = results.RowsFailed,
            RowsPerSecond = rate,
            UpdatedAt = now,
            LastAliveAt = now,
            Progress = new JobProgress { Stage = JobStage.Scoring, RowsRead = results.RowsScored + results.RowsFailed, RowsPerSecond = rate, ElapsedSeconds = Math.Round(seconds, 3) },
        };
        run.Unsaved = true;
        if (run.LastSaved is null || now - run.LastSaved.Value >= ProgressInterval)
        {
            timer = Stopwatch.GetTimestamp();
            await jobs.SaveAsync(run.Job, cancellationToken).ConfigureAwait(false);
            run.RecordTicks += Stopwatch.GetTimestamp() - timer;
            run.LastSaved = now;
            run.Unsaved = false;
        }

        run.Progress?.Report(run.Job);
    }

    private async Task SaveQuietlyAsync(BatchJob job)
    {
        try
        {
            await jobs.SaveAsync(job, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.JobUpdateFailed(ex, job.JobId);
        }
    }

    private static bool Exceeded(BatchJob job) => job.ErrorThreshold >= 0 && job.RowsFailed > job.ErrorThreshold;

    private static string ThresholdError(BatchJob job) =>
        $"{job.RowsFailed} rows could not be scored, more than the errorThreshold of {job.ErrorThreshold}; see {job.Outputs.Errors} in container '{job.Outputs.Container}'.";

    private BatchJob Finish(BatchJob job, JobStatus status, string? error)
    {
        var now = time.GetUtcNow();
        return job with
        {
            Status = status,
            Error = error,
            CompletedAt = now,
            UpdatedAt = now,
            DurationSeconds = Math.Round((now - (job.StartedAt ?? now)).TotalSeconds, 3),
        };
    }

    private async Task RecordAttemptFailureAsync(BatchJob job, long dequeueCount, int maxDequeueCount, Exception exception, CancellationToken cancellationToken)
    {
        var last = dequeueCount >= maxDequeueCount;
        logger.BatchAttemptFailed(exception, job.JobId, dequeueCount, maxDequeueCount);
        var error = $"Attempt {dequeueCount} of {maxDequeueCount} failed: {exception.Message}";
        try
        {
            await jobs.SaveAsync(last ? Finish(job, JobStatus.Failed, error) : job with { Status = JobStatus.Queued, Error = error, UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.JobUpdateFailed(ex, job.JobId);
        }
    }
}
