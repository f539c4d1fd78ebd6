using AiMaas.Core.Training.Trainers;

namespace AiMaas.Core.Training.Tuning;

/// <summary>
/// The candidates <c>auto</c> tries for a task, in order: every trainer that trains the task with its defaults
/// first (so that a short budget still compares families), then seeded random draws over each trainer's main
/// hyperparameters: regularisation for the linear families; trees, leaves, learning rate and leaf size for the
/// tree ensembles.
/// </summary>
public static class SearchSpace
{
    private static readonly TrainerKind[] Order = [TrainerKind.LightGbm, TrainerKind.Linear, TrainerKind.FastTree, TrainerKind.FastForest, TrainerKind.Lbfgs];

    private static readonly Dictionary<TrainerKind, (string Name, double[] Values)[]> Grids = new()
    {
        [TrainerKind.Linear] = [("l2Regularization", [1e-6, 1e-4, 1e-2, 1])],
        [TrainerKind.Lbfgs] = [("l2Regularization", [1e-3, 0.1, 1, 10]), ("l1Regularization", [0, 0.1, 1])],
        [TrainerKind.FastTree] = [("numberOfTrees", [100, 200, 400]), ("numberOfLeaves", [8, 20, 48]), ("learningRate", [0.05, 0.1, 0.2]), ("minimumExampleCountPerLeaf", [5, 10, 30])],
        [TrainerKind.FastForest] = [("numberOfTrees", [100, 300]), ("numberOfLeaves", [128, 256, 512]), ("featureFraction", [0.3, 0.5, 1])],
        [TrainerKind.LightGbm] = [("numberOfIterations", [100, 200, 400]), ("numberOfLeaves", [15, 31, 63]), ("learningRate", [0.03, 0.1, 0.2]), ("minimumExampleCountPerLeaf", [5, 20, 50])],
    };

    /// <param name="task">The task to train.</param>
    /// <param name="count">How many candidates at most.</param>
    /// <param name="seed">The seed of the random draws.</param>
    /// <param name="allowPoisson">Whether lbfgs may be tried for regression (Poisson regression needs labels ≥ 0).</param>
    public static IReadOnlyList<(TrainerKind Trainer, TrainerOptions Options)> Candidates(TaskKind task, int count, int seed, bool allowPoisson)
    {
        var trainers = Order.Where(t => TrainerCatalog.Supports(t, task) && (t != TrainerKind.Lbfgs || task != TaskKind.Regression || allowPoisson)).ToArray();
        var candidates = trainers.Select(t => (t, TrainerOptions.None)).ToList();
        var random = new Random(seed);
        var seen = new HashSet<string>(candidates.Select(c => Key(c.t, c.None)), StringComparer.Ordinal);
        for (var attempt = 0; candidates.Count < count && attempt < count * 20; attempt++)
        {
            var trainer = trainers[random.Next(trainers.Length)];
            var options = new TrainerOptions(Grids[trainer].ToDictionary(g => g.Name, g => g.Values[random.Next(g.Values.Length)], StringComparer.Ordinal));
            if (seen.Add(Key(trainer, options)))
            {
                candidates.Add((trainer, options));
            }
        }

        return candidates.Take(count).ToArray();
    }

    private static string Key(TrainerKind trainer, TrainerOptions options) =>
        $"{trainer}:{string.Join(",", options.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"))}";
}
