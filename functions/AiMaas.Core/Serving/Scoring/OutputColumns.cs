namespace AiMaas.Core.Serving.Scoring;

/// <summary>The columns ML.NET's trainers add to a scored row.</summary>
internal static class OutputColumns
{
    public const string Score = "Score";
    public const string PredictedLabel = "PredictedLabel";
    public const string Probability = "Probability";
}
