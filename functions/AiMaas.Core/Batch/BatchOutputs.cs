namespace AiMaas.Core.Batch;

/// <summary>Where a job writes: blob names in the results container.</summary>
public sealed record BatchOutputs(string Container, string Predictions, string Errors)
{
    public static BatchOutputs For(string container, string model, string jobId) =>
        new(container, $"{model}/{jobId}/predictions.csv", $"{model}/{jobId}/errors.jsonl");
}
