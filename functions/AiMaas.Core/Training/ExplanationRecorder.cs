using AiMaas.Core.Explanations;
using AiMaas.Core.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Training;

/// <summary>
/// What training records for explanations, before the version's manifest is written: the permutation feature
/// importance on the held-out rows, and the background (training mean and a sample of training feature vectors)
/// that per-prediction explanations need, stored beside the model.
/// </summary>
public sealed class ExplanationRecorder(ExplanationStore store, IOptions<AiMaasOptions> options, TimeProvider time, ILogger<ExplanationRecorder> logger)
{
    public async Task<ModelExplanations?> RecordAsync(ModelManifest manifest, TrainedModel trained, CancellationToken cancellationToken)
    {
        if (trained.Transformer is not { } model)
        {
            return null;
        }

        var seed = options.Value.TrainingSeed;
        var started = time.GetTimestamp();
        FeatureImportance? importance = null;
        ExplanationBackground? sample = null;
        try
        {
            importance = trained.HoldOut is { } holdOut ? PermutationImportance.Compute(model, manifest, holdOut, seed) : null;
            if (importance is not null)
            {
                logger.ImportanceComputed(manifest.Model, manifest.Version, importance.Rows, importance.Permutations, time.GetElapsedTime(started).TotalMilliseconds);
            }

            sample = CreateBackground(trained, seed);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or InvalidDataException or FormatException)
        {
            // Explanations are an addition to a good model, never a reason to fail its training; explain falls back to sampling.
            logger.ExplanationsNotRecorded(ex, manifest.Model, manifest.Version);
        }

        var background = sample is null ? null : await store.SaveAsync(manifest.Model, manifest.Version, sample, cancellationToken).ConfigureAwait(false);
        return new ModelExplanations { FeatureImportance = importance, Background = background };
    }

    /// <summary>The training mean and a seeded sample of training feature vectors; null when the pipeline is not the platform's own.</summary>
    public static ExplanationBackground? CreateBackground(TrainedModel trained, int seed = 42) =>
        trained is { Transformer: { } model, TrainingRows: { } rows }
        && FeatureSpace.TryRead(model, FeatureSchema.ToDataViewSchema(trained.Features)) is { } space
            ? BackgroundSampler.Create(space, rows, space.SlotNames, seed)
            : null;
}
