using System.Text.Json;
using AiMaas.Core.Serving;
using AiMaas.Core.Storage;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Batch;

/// <summary>
/// Validates a batch request, fixes what the job will do (the version, the input blobs in order, the chunk size), records
/// the job as queued and puts its message on the scoring queue.
/// </summary>
public sealed class BatchSubmitter(
    BatchStore jobs,
    BatchStorage batchStorage,
    AiMaasStorage storage,
    ModelProvider models,
    TimeProvider time,
    IOptions<BatchOptions> options)
{
    public async Task<Result<BatchJob>> SubmitAsync(ModelReference reference, Stream body, CancellationToken cancellationToken)
    {
        BatchRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<BatchRequest>(body, AiMaasJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Problem.Invalid("body", $"malformed JSON or a field of the wrong type: {ex.Message}");
        }

        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var version = await models.ResolveVersionAsync(reference, cancellationToken).ConfigureAwait(false);
        if (version.Failed(out var versionProblem))
        {
            return versionProblem;
        }

        var inputs = await ResolveInputsAsync(request!.Input!, cancellationToken).ConfigureAwait(false);
        if (inputs.Failed(out var inputProblem))
        {
            return inputProblem;
        }

        var jobId = request.JobId ?? Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        var job = new BatchJob
        {
            JobId = jobId,
            Model = reference.Model,
            Version = version.Value,
            Alias = reference.Version is null ? reference.EffectiveAlias : null,
            Status = JobStatus.Queued,
            Input = request.Input!,
            InputBlobs = inputs.Value,
            KeepColumns = request.KeepColumns?.Select(c => c!).ToArray() ?? [],
            ErrorThreshold = request.ErrorThreshold ?? 100,
            Outputs = BatchOutputs.For(batchStorage.Results.Name, reference.Model, jobId),
            ChunkRows = options.Value.ChunkRows,
            CreatedAt = now,
            UpdatedAt = now,
        };

        // The record first: the runner may take the message before this method returns.
        if (!await jobs.TryCreateAsync(job, cancellationToken).ConfigureAwait(false))
        {
            return new Problem(ProblemKind.Conflict, "Job exists", $"jobId: a batch job with id '{jobId}' already exists; omit 'jobId' to get a new one.");
        }

        try
        {
            await batchStorage.ScoringQueue.SendMessageAsync(JsonSerializer.Serialize(new BatchMessage(jobId), AiMaasJson.Options), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            await jobs.SaveAsync(job with { Status = JobStatus.Failed, Error = $"The job could not be queued: {ex.Message}", UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            return new Problem(ProblemKind.Unavailable, "Queue unavailable", $"The scoring queue did not accept the job ({ex.Status}); try again.");
        }

        return job;
    }

    public async Task<Result<BatchJob>> GetAsync(string model, string jobId, CancellationToken cancellationToken)
    {
        if (Identifiers.CheckJobId(jobId) is { } error)
        {
            return error;
        }

        return await jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false) is { } job && job.Model == model
            ? job
            : Problem.NotFound($"Model '{model}' has no batch job '{jobId}'.");
    }

    private static Problem? Validate(BatchRequest? request)
    {
        if (request is null)
        {
            return Problem.Invalid("body", "expected a batch request, e.g. {\"input\": \"2026/houses.csv\", \"keepColumns\": [\"id\"]}");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Input) || request.Input.Contains("..", StringComparison.Ordinal) || request.Input.StartsWith('/'))
        {
            errors["input"] = ["expected the name of a blob in the datasets container, or a prefix of several (e.g. \"2026/05/\")"];
        }

        var keep = request.KeepColumns ?? [];
        for (var i = 0; i < keep.Count; i++)
        {
            if (string.IsNullOrEmpty(keep[i]))
            {
                errors[$"keepColumns[{i}]"] = ["expected a column name of the input"];
            }
        }

        if (keep.Distinct(StringComparer.Ordinal).Count() != keep.Count)
        {
            errors["keepColumns"] = ["expected each column once"];
        }

        if (request.ErrorThreshold is < -1)
        {
            errors["errorThreshold"] = ["expected the number of bad rows tolerated (0 or more), or -1 to never fail on bad rows"];
        }

        if (request.JobId is not null)
        {
            Identifiers.CheckJobId(request.JobId).AddTo(errors);
        }

        return errors.Count > 0 ? Problem.Invalid(errors) : null;
    }

    /// <summary>The blob itself when it exists, else every blob under the prefix, in name order.</summary>
    private async Task<Result<IReadOnlyList<string>>> ResolveInputsAsync(string input, CancellationToken cancellationToken)
    {
        if (!input.EndsWith('/') && await storage.Datasets.GetBlobClient(input).ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return InputFormats.IsSupported(input)
                ? new[] { input }
                : Problem.Invalid("input", $"'{input}' is not a supported format; expected one of {InputFormats.Supported}");
        }

        var max = options.Value.MaxInputBlobs;
        var blobs = new List<string>();
        await foreach (var blob in storage.Datasets.GetBlobsAsync(new GetBlobsOptions { Prefix = input }, cancellationToken).ConfigureAwait(false))
        {
            if (InputFormats.IsSupported(blob.Name))
            {
                blobs.Add(blob.Name);
            }

            if (blobs.Count > max)
            {
                return Problem.Invalid("input", $"the prefix matches more than {max} blobs; narrow it");
            }
        }

        if (blobs.Count == 0)
        {
            return Problem.NotFound($"input: no blob named '{input}', and no {InputFormats.Supported} blob under that prefix, in container '{storage.Datasets.Name}'.");
        }

        blobs.Sort(StringComparer.Ordinal);
        return blobs;
    }
}
