namespace AiMaas.Core.Registry;

/// <summary>The manifest's <c>explanations</c>: global feature importance, and where the background for per-prediction explanations is stored.</summary>
public sealed record ModelExplanations
{
    public FeatureImportance? FeatureImportance { get; init; }

    public BackgroundReference? Background { get; init; }
}
