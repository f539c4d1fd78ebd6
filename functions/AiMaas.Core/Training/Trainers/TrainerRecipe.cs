using Microsoft.ML;

namespace AiMaas.Core.Training.Trainers;

/// <summary>One <c>trainer</c> a request can name: the tasks it trains, the options it takes, and the ML.NET estimator it builds.</summary>
public abstract class TrainerRecipe
{
    public const string Threads = "numberOfThreads";

    public abstract TrainerKind Kind { get; }

    public abstract IReadOnlyList<TaskKind> Tasks { get; }

    public abstract IReadOnlyList<TrainerOption> Options { get; }

    /// <summary>
    /// Whether the trainer gives the same model for the same data and seed on several threads. Those that do not
    /// (SDCA, and SGD's lock-free updates) default to one thread, so that retraining the same data is reproducible.
    /// </summary>
    public virtual bool ReproducibleOnManyThreads => true;

    /// <summary>The threads to train with: the request's <c>numberOfThreads</c>, else the instance's cores where that stays reproducible.</summary>
    public int ThreadsFor(TrainerOptions options) =>
        options.GetInt32(Threads) ?? (ReproducibleOnManyThreads ? Environment.ProcessorCount : 1);

    /// <summary>The estimator for <paramref name="task"/> (one of <see cref="Tasks"/>) and the name of the ML.NET trainer it is.</summary>
    public abstract (IEstimator<ITransformer> Estimator, string Name) Create(MLContext ml, TaskKind task, TrainerOptions options, TrainerContext context);

    /// <summary>The option every trainer takes: how many threads to train with, the instance's cores by default.</summary>
    protected static TrainerOption ThreadsOption { get; } =
        new(Threads, 1, 64, IsInteger: true, "Threads to train with") { Default = "the instance's cores; 1 for linear and gradientDescent, whose results vary run to run on more" };
}
