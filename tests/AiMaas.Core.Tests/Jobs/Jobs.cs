using AiMaas.Core.Jobs;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Jobs;

internal static class Jobs
{
    public static JobRecord Running(DateTimeOffset at) => new()
    {
        JobId = "job-1",
        Status = JobStatus.Running,
        Model = "m",
        CreatedAt = at,
        StartedAt = at,
        UpdatedAt = at,
        LastAliveAt = at,
        Progress = new JobProgress { Stage = JobStage.Reading },
    };
}
