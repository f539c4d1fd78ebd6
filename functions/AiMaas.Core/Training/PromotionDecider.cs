using AiMaas.Core.Diagnostics;
using AiMaas.Core.Evaluation;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving;
using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Training;

/// <summary>
/// Decides whether a freshly trained version becomes <c>current</c>: by policy, or on evidence, scoring the current version
/// on the candidate's own held-out rows with the task's primary metric (or the one the request names).
/// </summary>
public sealed class PromotionDecider(ModelRegistry registry, VersionLoader loader, ILogger<PromotionDecider> logger)
{
    private const int MaxRaces = 5;

    /// <summary>Compares the candidate with the model's current version; nothing is changed.</summary>
    public async Task<(PromotionDecision Decision, string? ETag)> EvaluateAsync(
        ModelManifest candidate, TrainedModel trained, PromotionPolicy policy, string? metric, CancellationToken cancellationToken)
    {
        metric ??= TaskMetrics.Primary(candidate.Task);
        var document = await registry.GetModelWithETagAsync(candidate.Model, cancellationToken).ConfigureAwait(false);
        var current = document?.Document.CurrentVersion;
        var candidateScore = trained is { HoldOut.Count: > 0, Transformer: { } transformer }
            ? Finite(HoldOutScorer.Score(transformer, candidate, trained.HoldOut, metric))
            : null;
        PromotionDecision Decide(bool promoted, string reason, double? currentScore = null) =>
            new(policy, metric, candidateScore, current, currentScore, promoted, reason);

        var decision = policy switch
        {
            PromotionPolicy.Never => Decide(false, "the request's policy is 'never'"),
            PromotionPolicy.Always => Decide(true, "the request's policy is 'always'"),
            _ when current is null => Decide(true, "the model has no current version"),
            _ when current == candidate.Version => Decide(true, "this version is already current"),
            _ => await CompareAsync(candidate.Model, current.Value, trained, metric, candidateScore, Decide, cancellationToken).ConfigureAwait(false),
        };
        return (decision, document?.ETag);
    }

    /// <summary>
    /// Moves <c>current</c> to the candidate if the decision says so. The move is conditional on the model document the
    /// evidence was read from: if another writer changed <c>current</c> meanwhile, the comparison is made again.
    /// </summary>
    /// <returns>The decision as applied: not promoted, with the reason, when <c>current</c> could not be moved.</returns>
    public async Task<PromotionDecision> ApplyAsync(
        ModelManifest candidate, TrainedModel trained, PromotionPolicy policy, string? metric, PromotionDecision decision, string? etag, CancellationToken cancellationToken)
    {
        for (var race = 0; race < MaxRaces; race++)
        {
            if (!decision.Promoted)
            {
                return decision;
            }

            var ifMatch = policy == PromotionPolicy.Always ? null : etag;
            var moved = await registry.SetAliasAsync(candidate.Model, AliasNames.Current, candidate.Version, ifMatch, cancellationToken).ConfigureAwait(false);
            if (moved.Problem is null)
            {
                logger.VersionPromoted(candidate.Model, candidate.Version, decision.Reason);
                return decision;
            }

            if (moved.Problem.Kind != ProblemKind.PreconditionFailed)
            {
                // The version is published either way; the decision says why it is not current rather than failing the job.
                logger.PromotionNotApplied(candidate.Model, candidate.Version, moved.Problem.Detail);
                return decision with { Promoted = false, Reason = $"{decision.Reason}, but current could not be moved to it: {moved.Problem.Detail}" };
            }

            (decision, etag) = await EvaluateAsync(candidate, trained, policy, metric, cancellationToken).ConfigureAwait(false);
        }

        return decision with { Promoted = false, Reason = "the model document kept changing; current was left as it is" };
    }

    private async Task<PromotionDecision> CompareAsync(
        string model, int current, TrainedModel trained, string metric, double? candidateScore,
        Func<bool, string, double?, PromotionDecision> decide, CancellationToken cancellationToken)
    {
        var load = await loader.LoadAsync(new VersionKey(model, current), cancellationToken).ConfigureAwait(false);
        if (load.Failed(out var problem))
        {
            return decide(true, problem.Kind == ProblemKind.NotFound
                ? $"the current version {current} no longer exists"
                : $"the current version {current} is corrupt: {problem.Detail}", null);
        }

        var loaded = load.Value;

        if (candidateScore is null)
        {
            return decide(false, "there were no held-out rows to compare on", null);
        }

        double? currentScore;
        try
        {
            currentScore = Finite(HoldOutScorer.Score(loaded.Transformer, loaded.Manifest, trained.HoldOut!, metric));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or InvalidCastException)
        {
            return decide(false, $"the current version {current} cannot score this dataset's rows (its features differ): {ex.Message}", null);
        }

        return currentScore is null || TaskMetrics.IsBetter(metric, candidateScore.Value, currentScore.Value)
            ? decide(true, $"{metric} {candidateScore:G4} beats the current version {current}'s {currentScore:G4} on the same held-out rows", currentScore)
            : decide(false, $"{metric} {candidateScore:G4} does not beat the current version {current}'s {currentScore:G4} on the same held-out rows", currentScore);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 6) : null;
}
