namespace AiMaas.Core.Training.Tuning;

/// <summary>How <c>"trainer": "auto"</c> searches: at most <see cref="Trials"/> trials within <see cref="TimeBudgetSeconds"/>, each scored by <see cref="Folds"/>-fold cross-validation.</summary>
public sealed record TuningSpec(int Trials = TuningSpec.DefaultTrials, int TimeBudgetSeconds = TuningSpec.DefaultTimeBudgetSeconds, int Folds = TuningSpec.DefaultFolds)
{
    public const int DefaultTrials = 20;
    public const int DefaultTimeBudgetSeconds = 300;
    public const int DefaultFolds = 5;
}
