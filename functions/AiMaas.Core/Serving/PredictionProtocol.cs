namespace AiMaas.Core.Serving;

/// <summary>The protocol a prediction came in on, as written in its log record.</summary>
public static class PredictionProtocol
{
    public const string AiMaas = "aimaas";
    public const string KServeV1 = "kserve-v1";
    public const string OpenInferenceV2 = "open-inference-v2";
}
