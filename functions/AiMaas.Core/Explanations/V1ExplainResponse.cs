namespace AiMaas.Core.Explanations;

/// <summary>KServe V1's explain answer: one explanation per instance.</summary>
public sealed record V1ExplainResponse(IReadOnlyList<InstanceExplanation> Explanations);
