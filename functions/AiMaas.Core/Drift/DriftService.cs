using System.Globalization;
using System.Text.Json;
using AiMaas.Core.Batch;
using AiMaas.Core.PredictionLog;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving;
using AiMaas.Core.Storage;
using Azure.Storage.Blobs.Models;

namespace AiMaas.Core.Drift;

/// <summary>
/// Compares the inputs logged for a version in a time window with the statistics of its training rows, in one streaming
/// pass over the log's hour partitions: a blob is read line by line and only the per-feature counts are kept. A batch job's
/// input is compared the same way (<c>DriftService.Batch.cs</c>).
/// </summary>
public sealed partial class DriftService(
    PredictionLogContainer container, ModelRegistry registry, ModelProvider models, BatchStore batches, AiMaasStorage storage, TimeProvider time)
{
    public async Task<Result<DriftReport>> ComputeAsync(string model, string? from, string? to, string? version, CancellationToken cancellationToken)
    {
        var query = PredictionLogQuery.Parse(model, from, to, limit: null, continuationToken: null, time.GetUtcNow());
        if (query.Failed(out var problem))
        {
            return problem;
        }

        int? requested = null;
        if (version is not null)
        {
            if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                return Problem.Invalid("version", "expected a version number, e.g. 3");
            }

            requested = number;
        }

        var resolved = await models.ResolveVersionAsync(new ModelReference(model, requested), cancellationToken).ConfigureAwait(false);
        if (resolved.Failed(out var resolveProblem))
        {
            return resolveProblem;
        }

        var reference = await StatisticsAsync(model, resolved.Value, cancellationToken).ConfigureAwait(false);
        if (reference.Failed(out var referenceProblem))
        {
            return referenceProblem;
        }

        var statistics = reference.Value;
        var window = query.Value;
        var features = statistics.Select(s => new FeatureAccumulator(s)).ToArray();
        var (records, rows) = await ScanAsync(model, resolved.Value, window, features, cancellationToken).ConfigureAwait(false);
        return new DriftReport(model, resolved.Value, window.From, window.To, records, rows, features.Select(f => f.Result()).ToArray());
    }

    /// <summary>The training statistics of a version, or why there are none.</summary>
    private async Task<Result<IReadOnlyList<FeatureStatistics>>> StatisticsAsync(string model, int version, CancellationToken cancellationToken)
    {
        var manifest = await registry.GetManifestAsync(model, version, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return Problem.NotFound($"Version {version} of model '{model}' does not exist.");
        }

        if (manifest.FeatureStatistics is { Count: > 0 } statistics)
        {
            return statistics.ToArray();
        }

        return Problem.Conflict($"Version {manifest.Version} of model '{model}' has no training statistics to compare with (it was uploaded, or trained before they were recorded).");
    }

    private async Task<(long Records, long Rows)> ScanAsync(
        string model, int version, PredictionLogQuery window, FeatureAccumulator[] features, CancellationToken cancellationToken)
    {
        long records = 0, rows = 0;
        for (var day = window.From.UtcDateTime.Date; day <= window.To.UtcDateTime.Date; day = day.AddDays(1))
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{model}/{version}/{day:yyyy'/'MM'/'dd}/");
            await foreach (var blob in container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
            {
                using var stream = await container.Client.GetBlobClient(blob.Name).OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(PredictionLogBlobs.Lines(blob.Name, stream));
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (Count(line, window, features) is { } counted)
                    {
                        records++;
                        rows += counted;
                    }
                }
            }
        }

        return (records, rows);
    }

    /// <summary>Adds a record's input rows to the counts; null when the line is not a record of the window.</summary>
    private static int? Count(string line, PredictionLogQuery window, FeatureAccumulator[] features)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (!root.TryGetProperty("time", out var timeElement) || !timeElement.TryGetDateTimeOffset(out var recordTime)
                || recordTime < window.From || recordTime > window.To
                || !root.TryGetProperty("data", out var data) || !data.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var count = 0;
            foreach (var row in inputs.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                count++;
                foreach (var feature in features)
                {
                    feature.Add(row);
                }
            }

            return count;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
