using AiMaas.Core.Datasets;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;
using AiMaas.Core.Training.Trainers;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Training;

[TestClass]
public sealed class TrainerThreadsTests
{
    [TestMethod]
    [DataRow(TrainerKind.LightGbm, 500)]
    [DataRow(TrainerKind.FastTree, 500)]
    [DataRow(TrainerKind.Linear, TrainerRecipe.ParallelFromRows)]
    [DataRow(TrainerKind.GradientDescent, 1_000_000)]
    public void ThreadsFor_NoOption_UsesTheInstancesCores(TrainerKind trainer, int rows) =>
        Assert.AreEqual(8, TrainerCatalog.Get(trainer).ThreadsFor(TrainerOptions.None, rows, cores: 8));

    [TestMethod]
    [DataRow(TrainerKind.Linear)]
    [DataRow(TrainerKind.GradientDescent)]
    public void ThreadsFor_NotReproducibleOnManyThreadsAndFewRows_UsesOneThread(TrainerKind trainer) =>
        Assert.AreEqual(1, TrainerCatalog.Get(trainer).ThreadsFor(TrainerOptions.None, TrainerRecipe.ParallelFromRows - 1, cores: 8));

    [TestMethod]
    [DataRow(TrainerKind.Linear, 1, 1_000_000)]
    [DataRow(TrainerKind.Linear, 4, 100)]
    [DataRow(TrainerKind.LightGbm, 1, 1_000_000)]
    public void ThreadsFor_NumberOfThreadsGiven_PinsIt(TrainerKind trainer, int threads, int rows)
    {
        var options = new TrainerOptions(new Dictionary<string, double> { [TrainerRecipe.Threads] = threads });

        Assert.AreEqual(threads, TrainerCatalog.Get(trainer).ThreadsFor(options, rows, cores: 8));
    }

    [TestMethod]
    [DataRow(TrainerKind.LightGbm)]
    [DataRow(TrainerKind.FastForest)]
    public void Train_NoThreadsOption_TrainsOnTheInstancesCoresAndRecordsIt(TrainerKind trainer)
    {
        var model = Models.Train(TestData.Binary(), "bought", TaskKind.Binary, trainer);

        Assert.AreEqual(Environment.ProcessorCount, model.Trainer.Options[TrainerRecipe.Threads]);
    }

    [TestMethod]
    public void Train_NumberOfThreadsGiven_TrainsWithThemAndRecordsIt()
    {
        var spec = Models.Spec("bought", TaskKind.Binary) with { Options = new TrainerOptions(new Dictionary<string, double> { [TrainerRecipe.Threads] = 2 }) };

        var model = Models.CreateTrainer().Train(CsvTableReader.Read(TestData.Binary()), spec).Succeeded();

        Assert.AreEqual(2, model.Trainer.Options[TrainerRecipe.Threads]);
    }

    [TestMethod]
    public void Recipes_LinearAndGradientDescent_AreTheOnesNotReproducibleOnManyThreads()
    {
        var notReproducible = Enum.GetValues<TrainerKind>().Where(k => !TrainerCatalog.Get(k).ReproducibleOnManyThreads).ToArray();

        CollectionAssert.AreEquivalent(new[] { TrainerKind.Linear, TrainerKind.GradientDescent }, notReproducible);
    }
}
