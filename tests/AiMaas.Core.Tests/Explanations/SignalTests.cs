using System.Globalization;
using System.Text;
using AiMaas.Core.Evaluation;
using AiMaas.Core.Explanations;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Fidelity;

namespace AiMaas.Core.Tests.Explanations;

/// <summary>
/// On synthetic data where the truth is known (the label depends on <c>signal</c> alone; two numbers in the thousands
/// and a text column are noise), the signal column ranks first in the permutation importance and carries the largest
/// contribution in the explanation of every row whose signal is away from the middle.
/// </summary>
[TestClass]
public sealed class SignalTests
{
    public static IEnumerable<object[]> Cases =>
        from trainer in Enum.GetValues<TrainerKind>()
        from task in Enum.GetValues<TaskKind>()
        where AiMaas.Core.Training.Trainers.TrainerCatalog.Supports(trainer, task)
        select new object[] { trainer, task };

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Importance_SignalColumn_RanksFirstGloballyAndPerRow(TrainerKind trainer, TaskKind task)
    {
        var model = Models.Train(Csv(task, rows: 600, seed: 3), "y", task, trainer);
        var manifest = ModelServing.Manifest(model);

        var importance = PermutationImportance.Compute(model.Transformer!, manifest, model.HoldOut!, seed: 42);

        Assert.IsNotNull(importance);
        Assert.AreEqual(TaskMetrics.Primary(task), importance.Metric);
        Assert.HasCount(4, importance.Columns);
        Assert.AreEqual("signal", importance.Columns[0].Column, string.Join(", ", importance.Columns));
        Assert.IsGreaterThan(0.2, importance.Columns[0].Importance, "shuffling the signal ruins the model");
        Assert.IsTrue(importance.Columns.Skip(1).All(c => c.Importance < importance.Columns[0].Importance / 5), string.Join(", ", importance.Columns));
        Assert.IsFalse(importance.Sampled);

        var (explainer, _, _, schema) = Explainers.Exact(model);
        var rows = Rows(200, seed: 11).Where(r => Math.Abs((float)r.Values["signal"]! - 50) > 15).ToArray();
        var raw = explainer.ExplainRaw(FidelityViews.ToView(schema, rows));
        var signal = schema["signal"].Index;
        var output = task == TaskKind.Multiclass ? model.Classes!.ToList().IndexOf("high") : 0;
        var firsts = Enumerable.Range(0, rows.Length)
            .Count(r => Enumerable.Range(0, raw.Columns).MaxBy(c => Math.Abs(raw.Contribution(r, output, c))) == signal);
        Assert.IsGreaterThanOrEqualTo(0.95 * rows.Length, firsts, $"signal has the largest contribution in {firsts} of {rows.Length} rows");
    }

    [TestMethod]
    public void Importance_LargeHoldOut_IsSampledAndSaysSo()
    {
        var model = Models.Train(Csv(TaskKind.Regression, rows: 30_000, seed: 5), "y", TaskKind.Regression, TrainerKind.Linear);

        var importance = PermutationImportance.Compute(model.Transformer!, ModelServing.Manifest(model), model.HoldOut!, seed: 42);

        Assert.IsNotNull(importance);
        Assert.IsTrue(importance.Sampled);
        Assert.AreEqual(PermutationImportance.MaxRows, importance.Rows);
        Assert.AreEqual(model.HoldOut!.Count, importance.HoldOutRows);
        Assert.AreEqual("signal", importance.Columns[0].Column);
    }

    private static string Csv(TaskKind task, int rows, int seed)
    {
        var csv = new StringBuilder("signal,noise_amount,noise_delta,noise_city,y\n");
        foreach (var row in Rows(rows, seed))
        {
            var value = (float)row.Values["signal"]!;
            var label = task switch
            {
                TaskKind.Regression => (value * 40).ToString("R", CultureInfo.InvariantCulture),
                TaskKind.Binary => value > 50 ? "yes" : "no",
                _ => value < 33 ? "low" : value < 66 ? "mid" : "high",
            };
            csv.Append(CultureInfo.InvariantCulture, $"{value:R},{FidelityDatasets.Format(row.Values["noise_amount"])},{FidelityDatasets.Format(row.Values["noise_delta"])},{row.Values["noise_city"]},{label}\n");
        }

        return csv.ToString();
    }

    private static IEnumerable<FidelityRow> Rows(int count, int seed)
    {
        var random = new Random(seed);
        string[] cities = ["lisbon", "oslo", "lima"];
        for (var i = 0; i < count; i++)
        {
            yield return new FidelityRow(new Dictionary<string, object?>
            {
                ["signal"] = (float)(random.NextDouble() * 100),
                ["noise_amount"] = random.NextDouble() < 0.05 ? null : (float)(1000 + (random.NextDouble() * 9000)),
                ["noise_delta"] = (float)(-5000 + (random.NextDouble() * 10000)),
                ["noise_city"] = cities[random.Next(cities.Length)],
            });
        }
    }
}
