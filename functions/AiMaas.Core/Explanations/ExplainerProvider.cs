using System.Runtime.CompilerServices;
using AiMaas.Core.Data;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving;
using AiMaas.Core.Serving.Fidelity;
using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Explanations;

/// <summary>
/// Builds a loaded version's explainer once, on its first explain call, and keeps it exactly as long as the model cache
/// keeps the version (it hangs off the <see cref="LoadedModel"/>). The exact explainer is used only when its raw scores
/// agree with the model's own outputs on the version's probe rows; otherwise, and for uploads and versions stored
/// before explanations existed, the model is explained by sampling.
/// </summary>
public sealed class ExplainerProvider(ModelRegistry registry, ExplanationStore store, ILogger<ExplainerProvider> logger)
{
    private const double RelativeTolerance = 1e-4;

    private readonly ConditionalWeakTable<LoadedModel, Task<ModelExplainer>> _explainers = [];

    internal async Task<ModelExplainer> GetAsync(LoadedModel model)
    {
        var task = _explainers.GetValue(model, m => BuildAsync(m));
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch
        {
            // A failed build (storage unreachable) is tried again by the next call.
            _explainers.Remove(model);
            throw;
        }
    }

    private async Task<ModelExplainer> BuildAsync(LoadedModel model)
    {
        var manifest = model.Manifest;
        var probe = await LoadProbeAsync(model).ConfigureAwait(false);
        var (exact, reason) = await TryExactAsync(model, probe).ConfigureAwait(false);
        if (exact is not null)
        {
            logger.ExplainerReady(manifest.Model, manifest.Version, exact.Method);
            return exact;
        }

        logger.ExactExplainerUnavailable(manifest.Model, manifest.Version, reason!);
        var background = probe ?? ProbeRows.Synthetic(model.InputSchema);
        return new ModelExplainer(new SamplingExplainer(model.Scorer, background, manifest.Task, manifest.Classes?.Count ?? 0), manifest.Task, manifest.Classes);
    }

    private async Task<(ModelExplainer? Explainer, string? Reason)> TryExactAsync(LoadedModel model, TabularDataView? probe)
    {
        var manifest = model.Manifest;
        if (manifest.Source != ModelSources.Training || manifest.Explanations?.Background is not { } reference)
        {
            return (null, manifest.Source == ModelSources.Training ? "stored before explanations existed" : "an uploaded model");
        }

        if (FeatureSpace.TryRead(model.Transformer, model.InputSchema) is not { } space)
        {
            return (null, "its pipeline is not a featurizer followed by one predictor");
        }

        var background = await store.LoadAsync(reference, CancellationToken.None).ConfigureAwait(false);
        if (background is null || background.Mean.Length != space.Slots || background.Vectors.Length != background.Rows * space.Slots)
        {
            return (null, "its explanation background is missing, corrupt or of another shape");
        }

        if (ExplainerFactory.TryCreate(space.Parameters, background, space.GroupOfSlot, space.Columns.Count) is not { } explainer)
        {
            return (null, $"its model parameters ({space.Parameters.GetType().Name}) have no exact explainer");
        }

        var candidate = new ModelExplainer(space, explainer, manifest.Task, manifest.Classes);
        return probe is not null && Disagrees(candidate, model, probe) is { } disagreement
            ? (null, disagreement)
            : (candidate, null);
    }

    /// <summary>The raw score the explanation adds up to must be the model's: checked on the probe rows where the model outputs it (regression score, binary margin).</summary>
    private static string? Disagrees(ModelExplainer explainer, LoadedModel model, TabularDataView probe)
    {
        if (model.Manifest.Task == TaskKind.Multiclass)
        {
            return null;
        }

        var raw = explainer.ExplainRaw(probe);
        var scores = model.Scorer.Score(probe).Scores!;
        var logLink = RawScoreSpace.IsLogOfScore(model.Transformer);
        for (var row = 0; row < probe.RowCount; row++)
        {
            var expected = logLink ? Math.Log(scores[row]) : scores[row];
            if (Math.Abs(raw.RawScore(row, 0) - expected) > RelativeTolerance * Math.Max(1, Math.Abs(expected)))
            {
                return $"its raw score {raw.RawScore(row, 0):R} differs from the model's {expected:R} on probe row {row}";
            }
        }

        return null;
    }

    private async Task<TabularDataView?> LoadProbeAsync(LoadedModel model)
    {
        var manifest = model.Manifest;
        if (manifest.Probe is not { } reference
            || await registry.DownloadProbeAsync(reference, CancellationToken.None).ConfigureAwait(false) is not { } bytes
            || ProbeSetFactory.Deserialize(bytes) is not { Rows: > 0 } probe)
        {
            return null;
        }

        return ProbeRows.FromProbe(probe, model.InputSchema);
    }
}
