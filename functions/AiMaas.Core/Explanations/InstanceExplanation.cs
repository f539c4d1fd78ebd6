namespace AiMaas.Core.Explanations;

/// <summary>
/// Why one instance got its prediction. For regression and binary models <see cref="BaseValue"/> and
/// <see cref="RawScore"/> are numbers and <see cref="Contributions"/> maps each input column to a number; for multiclass
/// each is keyed by class first. <c>baseValue + Σ contributions = rawScore</c>.
/// </summary>
public sealed record InstanceExplanation(object Prediction, string Method, object BaseValue, object RawScore, object Contributions);
