namespace AiMaas.Core.Serving;

/// <summary>Whether a model version is loaded and ready to score (<c>$ready_model_response</c>; KServe V1's model status has the same shape).</summary>
public sealed record ModelStatus(string Name, bool Ready);
