namespace AiMaas.Core.Jobs;

/// <summary>What a running job is doing, in the order a training goes through them.</summary>
public enum JobStage
{
    Reading,
    Featurizing,
    Training,

    /// <summary>Hyperparameter search; <see cref="JobProgress.Trial"/> of <see cref="JobProgress.Trials"/> says how far it is.</summary>
    Tuning,
    Evaluating,
    Saving,

    /// <summary>A batch scoring job scoring its input chunk by chunk.</summary>
    Scoring,
}
