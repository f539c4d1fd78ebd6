using System.Diagnostics;
using System.Text.Json;
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
public sealed class BatchJobRunner(
    BatchStore jobs,
    BatchStorage batchStorage,
    AiMaasStorage storage,
    ModelProvider models,
    TimeProvider time,
    ILogger<BatchJobRunner> logger)
{
    /// <param name="messageBody">The queue message.</param>
    /// <param name="dequeueCount">Which delivery this is.</param>
    /// <param name="maxDequeueCount">The delivery after which the queue gives up.</param>
    /// <param name="progress">Told of the job after each committed chunk (the record is saved then too).</param>
    /// <param name="cancellationToken">Stops the job between chunks; what was committed stays.</param>
    public async Task RunAsync(string messageBody, long dequeueCount, int maxDequeueCount, IProgress<BatchJob>? progress, CancellationToken cancellationToken)
    {
        var jobId = ParseJobId(messageBody);
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
        job = job with { Status = JobStatus.Running, Attempts = (int)dequeueCount, StartedAt = job.StartedAt ?? now, UpdatedAt = now, Error = null };
        await jobs.SaveAsync(job, cancellationToken).ConfigureAwait(false);
        logger.BatchJobStarted(job.JobId, job.Model, job.Version, dequeueCount);
        try
        {
            job = await ScoreAsync(job, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (BatchInputException ex)
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
            throw new BatchInputException(problem.Detail);
        }

        var scorer = new ChunkScorer(loaded.Value, job.KeepColumns);
        var results = await ResultBlocks.OpenAsync(
            batchStorage.Results.GetBlockBlobClient(job.Outputs.Predictions),
            batchStorage.Results.GetBlockBlobClient(job.Outputs.Errors),
            cancellationToken).ConfigureAwait(false);
        var chunkRows = job.ChunkRows;
        var skip = (long)results.Chunks * chunkRows;
        var started = Stopwatch.GetTimestamp();
        var rowsAtStart = results.RowsScored + results.RowsFailed;
        var chunk = new List<InputRow>(chunkRows);

        await foreach (var row in InputRowReader.ReadAsync(storage.Datasets, job.InputBlobs, scorer.Columns, cancellationToken).ConfigureAwait(false))
        {
            if (row.Number <= skip)
            {
                continue;
            }

            chunk.Add(row);
            if (chunk.Count == chunkRows)
            {
                job = await CommitChunkAsync(job, scorer, results, chunk, started, rowsAtStart, progress, cancellationToken).ConfigureAwait(false);
                if (Exceeded(job))
                {
                    return Finish(job, JobStatus.Failed, ThresholdError(job));
                }
            }
        }

        if (chunk.Count > 0 || results.Chunks == 0)
        {
            job = await CommitChunkAsync(job, scorer, results, chunk, started, rowsAtStart, progress, cancellationToken).ConfigureAwait(false);
        }

        return Exceeded(job) ? Finish(job, JobStatus.Failed, ThresholdError(job)) : Finish(job, JobStatus.Succeeded, error: null);
    }

    private async Task<BatchJob> CommitChunkAsync(
        BatchJob job, ChunkScorer scorer, ResultBlocks results, List<InputRow> chunk, long started, long rowsAtStart,
        IProgress<BatchJob>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (csv, errors, scored, failed) = scorer.Score(chunk);
        if (results.Chunks == 0)
        {
            csv = scorer.Header + csv;
        }

        await results.CommitAsync(csv, errors, scored, failed, cancellationToken).ConfigureAwait(false);
        chunk.Clear();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var done = results.RowsScored + results.RowsFailed - rowsAtStart;
        var rate = seconds > 0 ? Math.Round(done / seconds, 1) : (double?)null;
        var now = time.GetUtcNow();
        job = job with
        {
            RowsScored = results.RowsScored,
            RowsFailed = results.RowsFailed,
            RowsPerSecond = rate,
            UpdatedAt = now,
            LastAliveAt = now,
            Progress = new JobProgress { Stage = JobStage.Scoring, RowsRead = results.RowsScored + results.RowsFailed, RowsPerSecond = rate, ElapsedSeconds = Math.Round(seconds, 3) },
        };
        await jobs.SaveAsync(job, cancellationToken).ConfigureAwait(false);
        progress?.Report(job);
        return job;
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

    private static string? ParseJobId(string body)
    {
        try
        {
            var message = JsonSerializer.Deserialize<BatchMessage>(body, AiMaasJson.Options);
            return message?.JobId is { } id && Identifiers.IsJobId(id) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
