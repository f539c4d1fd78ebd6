namespace AiMaas.Core.Training;

public enum TrainerKind
{
    /// <summary>SDCA linear models: fast to train and to score, the default.</summary>
    Linear,

    /// <summary>Gradient-boosted trees, for non-linear relationships.</summary>
    FastTree,
}
