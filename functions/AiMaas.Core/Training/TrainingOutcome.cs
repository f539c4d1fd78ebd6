namespace AiMaas.Core.Training;

public enum TrainingOutcome
{
    Succeeded,

    /// <summary>The request was unusable; the job is failed and the message must not be retried.</summary>
    Rejected,

    /// <summary>A redelivered message whose job already finished; nothing was done.</summary>
    AlreadyFinished,
}
