using Microsoft.ML;

namespace AiMaas.Core.Training.Trainers;

/// <summary>One <c>trainer</c> a request can name: the tasks it trains, the options it takes, and the ML.NET estimator it builds.</summary>
public abstract class TrainerRecipe
{
    public const string Threads = "numberOfThreads";

    private static readonly Dictionary<string, double> NoDefaults = new(StringComparer.Ordinal);

    public abstract TrainerKind Kind { get; }

    public abstract IReadOnlyList<TaskKind> Tasks { get; }

    public abstract IReadOnlyList<TrainerOption> Options { get; }

    /// <summary>
    /// Training rows from which <see cref="ReproducibleOnManyThreads"/>-false trainers use the cores by default too:
    /// below it one thread is about as fast, so small datasets keep giving the same model run to run.
    /// </summary>
    public const int ParallelFromRows = 100_000;

    /// <summary>
    /// Whether the trainer gives the same model for the same data and seed on several threads. Those that do not
    /// (SDCA, and SGD's lock-free updates) are reproducible with <c>numberOfThreads: 1</c> (the README says so).
    /// </summary>
    public virtual bool ReproducibleOnManyThreads => true;

    /// <summary>
    /// The threads to train with: the request's <c>numberOfThreads</c>, else the instance's cores (<paramref name="cores"/>,
    /// <see cref="Environment.ProcessorCount"/> by default), except one thread for a trainer that is not reproducible
    /// on more when it trains on fewer than <see cref="ParallelFromRows"/> rows.
    /// </summary>
    public int ThreadsFor(TrainerOptions options, int trainingRows, int? cores = null) =>
        options.GetInt32(Threads)
        ?? (ReproducibleOnManyThreads || trainingRows >= ParallelFromRows ? cores ?? Environment.ProcessorCount : 1);

    /// <summary>Options whose default for <paramref name="task"/> is the platform's rather than ML.NET's, applied when the request leaves them out (the manifest records them).</summary>
    public virtual IReadOnlyDictionary<string, double> PlatformDefaults(TaskKind task) => NoDefaults;

    /// <summary>The request's options with <see cref="PlatformDefaults"/> filling the ones it left out.</summary>
    public TrainerOptions WithDefaults(TrainerOptions options, TaskKind task)
    {
        var defaults = PlatformDefaults(task);
        return defaults.Keys.All(options.Values.ContainsKey)
            ? options
            : new TrainerOptions(defaults.Where(d => !options.Values.ContainsKey(d.Key)).Concat(options.Values).ToDictionary(StringComparer.Ordinal));
    }

    /// <summary>The estimator for <paramref name="task"/> (one of <see cref="Tasks"/>) and the name of the ML.NET trainer it is.</summary>
    public abstract (IEstimator<ITransformer> Estimator, string Name) Create(MLContext ml, TaskKind task, TrainerOptions options, TrainerContext context);

    /// <summary>The option every trainer takes: how many threads to train with, the instance's cores by default.</summary>
    protected static TrainerOption ThreadsOption { get; } =
        new(Threads, 1, 64, IsInteger: true, "Threads to train with") { Default = "the instance's cores (linear and gradientDescent: 1 below 100,000 training rows)" };
}
