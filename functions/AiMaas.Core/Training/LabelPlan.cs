namespace AiMaas.Core.Training;

/// <summary>How the label column is read for the chosen task.</summary>
internal sealed record LabelPlan(TaskKind Task, IReadOnlySet<string>? TrueValues);
