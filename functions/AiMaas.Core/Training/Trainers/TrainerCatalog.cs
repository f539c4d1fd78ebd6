namespace AiMaas.Core.Training.Trainers;

/// <summary>Every trainer a request can name, by <see cref="TrainerKind"/>.</summary>
public static class TrainerCatalog
{
    public static IReadOnlyList<TrainerRecipe> All { get; } =
        [new LinearRecipe(), new LbfgsRecipe(), new GradientDescentRecipe(), new SvmRecipe(), new FastTreeRecipe(), new FastForestRecipe(), new LightGbmRecipe()];

    public static TrainerRecipe Get(TrainerKind kind) => All.First(r => r.Kind == kind);

    /// <summary>Whether the trainer trains the task; every (trainer, task) pair the platform offers is one where this holds.</summary>
    public static bool Supports(TrainerKind kind, TaskKind task) => Get(kind).Tasks.Contains(task);

    /// <summary>The problem for a trainer asked to train a task it does not, naming the trainers that do.</summary>
    public static Problem Unsupported(TrainerKind kind, TaskKind task) => Problem.Invalid(
        "trainer",
        $"'{Names.Of(kind)}' does not train {Names.Of(task)} models; it trains {string.Join(", ", Get(kind).Tasks.Select(Names.Of))}. "
        + $"For {Names.Of(task)}: {string.Join(", ", All.Where(r => r.Tasks.Contains(task)).Select(r => Names.Of(r.Kind)))}");
}
