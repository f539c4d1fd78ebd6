namespace AiMaas.Core.Evaluation;

/// <summary>The metrics each task reports, which of them promotion compares by default, and which way is better.</summary>
public static class TaskMetrics
{
    private static readonly HashSet<string> LowerIsBetter = new(StringComparer.Ordinal) { "rmse", "mae", "logLoss" };

    public static IReadOnlyList<string> For(TaskKind task) => task switch
    {
        TaskKind.Regression => ["rSquared", "rmse", "mae"],
        TaskKind.Binary => ["auc", "accuracy", "f1", "logLoss"],
        _ => ["macroAccuracy", "microAccuracy", "logLoss"],
    };

    public static string Primary(TaskKind task) => For(task)[0];

    public static bool IsBetter(string metric, double candidate, double current) =>
        LowerIsBetter.Contains(metric) ? candidate < current : candidate > current;
}
