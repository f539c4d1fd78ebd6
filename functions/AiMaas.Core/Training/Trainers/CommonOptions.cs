namespace AiMaas.Core.Training.Trainers;

/// <summary>Options that several trainers share, with one name and one meaning each.</summary>
internal static class CommonOptions
{
    public static readonly TrainerOption L1 = new("l1Regularization", 0, 1e4, IsInteger: false, "L1 (lasso) penalty: drives weak weights to zero") { Default = "trainer's own (SDCA: automatic)" };

    public static readonly TrainerOption L2 = new("l2Regularization", 0, 1e4, IsInteger: false, "L2 (ridge) penalty: shrinks weights") { Default = "trainer's own (SDCA: automatic)" };

    public static readonly TrainerOption MaximumIterations = new("maximumNumberOfIterations", 1, 10_000, IsInteger: true, "Passes over the data at most") { Default = "trainer's own" };

    public static readonly TrainerOption Iterations = new("numberOfIterations", 1, 10_000, IsInteger: true, "Passes over the data (boosting rounds for lightGbm)") { Default = "trainer's own" };

    public static readonly TrainerOption LearningRate = new("learningRate", 0, 10, IsInteger: false, "Step size") { MinimumExclusive = true, Default = "trainer's own" };

    public static readonly TrainerOption Trees = new("numberOfTrees", 1, 5_000, IsInteger: true, "Trees in the ensemble") { Default = "100" };

    public static readonly TrainerOption Leaves = new("numberOfLeaves", 2, 1_024, IsInteger: true, "Leaves per tree") { Default = "20 (lightGbm: 31, fastForest: 256)" };

    public static readonly TrainerOption MinimumExamplesPerLeaf = new("minimumExampleCountPerLeaf", 1, 100_000, IsInteger: true, "Fewest training rows a leaf may hold") { Default = "10, fewer for datasets under 200 rows" };

    public static readonly TrainerOption FeatureFraction = new("featureFraction", 0, 1, IsInteger: false, "Share of features each tree may split on") { MinimumExclusive = true, Default = "1 (fastForest classifiers: 0.3)" };
}
