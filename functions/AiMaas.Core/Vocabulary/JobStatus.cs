namespace AiMaas.Core.Vocabulary;

public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
