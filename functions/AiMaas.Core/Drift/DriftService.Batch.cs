using AiMaas.Core.Batch;

namespace AiMaas.Core.Drift;

/// <summary>Drift of a batch job's input: one streaming pass over its input blobs, only the per-feature counts kept.</summary>
public sealed partial class DriftService
{
    public async Task<Result<DriftReport>> ComputeForBatchAsync(string model, string jobId, CancellationToken cancellationToken)
    {
        if (Identifiers.CheckJobId(jobId) is { } error)
        {
            return error;
        }

        if (await batches.GetAsync(jobId, cancellationToken).ConfigureAwait(false) is not { } job || job.Model != model)
        {
            return Problem.NotFound($"Model '{model}' has no batch job '{jobId}'.");
        }

        // Against the version the job scores with: that is the training its predictions rely on.
        var reference = await StatisticsAsync(model, job.Version, cancellationToken).ConfigureAwait(false);
        if (reference.Failed(out var problem))
        {
            return problem;
        }

        var features = reference.Value.Select(s => new FeatureAccumulator(s)).ToArray();
        var columns = features.Select(f => f.Name).ToArray();
        long records = 0, rows = 0;
        try
        {
            await foreach (var row in InputRowReader.ReadAsync(storage.Datasets, job.InputBlobs, columns, cancellationToken).ConfigureAwait(false))
            {
                records++;
                if (row.Error is not null)
                {
                    continue;
                }

                rows++;
                for (var f = 0; f < features.Length; f++)
                {
                    features[f].Add(row.Values[f]);
                }
            }
        }
        catch (ProblemException ex)
        {
            return Problem.Conflict($"The input of batch job '{jobId}' cannot be compared: {ex.Message}");
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return Problem.Conflict($"The input of batch job '{jobId}' is gone from container '{storage.Datasets.Name}': {ex.Message}");
        }

        return new DriftReport(model, job.Version, null, null, records, rows, features.Select(f => f.Result()).ToArray(), job.JobId);
    }
}
