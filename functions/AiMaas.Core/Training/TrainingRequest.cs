namespace AiMaas.Core.Training;

/// <summary>A training request as it arrives on the queue or over HTTP: every field is checked by <see cref="TrainingRequestValidator"/>.</summary>
public sealed record TrainingRequest
{
    public string? Model { get; init; }

    public string? Dataset { get; init; }

    public string? Csv { get; init; }

    public string? Label { get; init; }

    public string? Task { get; init; }

    public string? Trainer { get; init; }

    public string? JobId { get; init; }
}
