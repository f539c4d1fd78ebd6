namespace AiMaas.Core.Drift;

/// <summary>
/// How one feature's logged values compare with its training rows: the population stability index over the training bins
/// (or categories), missing shares, the share of categories never seen in training, and the verdict
/// (<c>stable</c> &lt; 0.1 ≤ <c>shifted</c> &lt; 0.25 ≤ <c>drifted</c>; <c>unobserved</c> when no value was logged).
/// </summary>
public sealed record FeatureDrift(
    string Name,
    ColumnKind Type,
    long Observed,
    double? Psi,
    double MissingShare,
    double TrainingMissingShare,
    double? UnseenShare,
    string Verdict);
