namespace AiMaas.Core.Explanations;

/// <summary>The answer to an explain call: one explanation per instance, in request order.</summary>
public sealed record ExplanationResponse(string Model, int Version, string Output, IReadOnlyList<InstanceExplanation> Explanations);
