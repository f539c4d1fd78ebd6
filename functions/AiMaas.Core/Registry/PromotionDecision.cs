namespace AiMaas.Core.Registry;

/// <summary>What a training decided about moving the <c>current</c> alias, and the evidence it decided on.</summary>
public sealed record PromotionDecision(
    PromotionPolicy Policy,
    string Metric,
    double? CandidateScore,
    int? CurrentVersion,
    double? CurrentScore,
    bool Promoted,
    string Reason);
