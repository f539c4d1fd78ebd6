using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Fidelity;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace AiMaas.Core.Tests.Explanations;

/// <summary>
/// A row's explanation equals a reference computed here independently: for a linear model, each weight read from the
/// model times (normalised value − mean of the normalised training rows), summed per column; for a tree ensemble, the
/// Shapley values by brute force over every subset of the input columns, the model itself (ML.NET) evaluating each
/// mixed vector against the same background.
/// </summary>
[TestClass]
public sealed class ReferenceTests
{
    [TestMethod]
    [DataRow(TaskKind.Regression)]
    [DataRow(TaskKind.Binary)]
    [DataRow(TaskKind.Multiclass)]
    public void Explain_LinearModel_EqualsWeightTimesDeviationFromTheTrainingMean(TaskKind task)
    {
        var model = Models.Train(FidelityDatasets.TrainingCsv(FidelityRegime.Mixed, task), FidelityDatasets.Label, task, TrainerKind.Linear);
        var (explainer, _, transformer, schema) = Explainers.Exact(model);
        var steps = Flatten(transformer).ToList();
        var predictorIndex = steps.FindLastIndex(s => s is IPredictionTransformer<object>);
        var parameters = ((IPredictionTransformer<object>)steps[predictorIndex]).Model;
        var weights = parameters switch
        {
            LinearRegressionModelParameters linear => [linear.Weights.ToArray()],
            CalibratedModelParametersBase { SubModel: LinearBinaryModelParameters binary } => [binary.Weights.ToArray()],
            MaximumEntropyModelParameters maximumEntropy => MaximumEntropyWeights(maximumEntropy),
            _ => throw new AssertFailedException($"unexpected parameters {parameters.GetType().Name}"),
        };
        var (training, slotNames) = Featurize(steps.Take(predictorIndex), model.TrainingRows!);
        var mean = Enumerable.Range(0, slotNames.Length).Select(s => training.Average(v => (double)v[s])).ToArray();
        var rows = FidelityDatasets.PredictionRows(FidelityRegime.Mixed, 30);
        var (vectors, _) = Featurize(steps.Take(predictorIndex), FidelityViews.ToView(schema, rows));

        var raw = explainer.ExplainRaw(FidelityViews.ToView(schema, rows));

        var columns = schema.Select(c => c.Name).ToArray();
        for (var row = 0; row < rows.Count; row++)
        {
            for (var output = 0; output < weights.Length; output++)
            {
                for (var c = 0; c < columns.Length; c++)
                {
                    var expected = Enumerable.Range(0, slotNames.Length)
                        .Where(s => slotNames[s] == columns[c] || slotNames[s].StartsWith(columns[c] + ".", StringComparison.Ordinal))
                        .Sum(s => weights[output][s] * (vectors[row][s] - mean[s]));
                    // Float rounding of the stored mean is relative to the score, not to a contribution near zero.
                    Assert.AreEqual(expected, raw.Contribution(row, output, c), 1e-5 * Math.Max(1, Math.Abs(raw.RawScore(row, output))), $"row {row}, output {output}, column {columns[c]}");
                }
            }
        }
    }

    [TestMethod]
    [DataRow(TaskKind.Regression, FidelityRegime.Mixed)]
    [DataRow(TaskKind.Binary, FidelityRegime.Mixed)]
    [DataRow(TaskKind.Regression, FidelityRegime.Houses)]
    public void Explain_TreeEnsemble_EqualsBruteForceShapleyValues(TaskKind task, FidelityRegime regime)
    {
        var model = Models.Train(FidelityDatasets.TrainingCsv(regime, task), FidelityDatasets.Label, task, TrainerKind.FastTree);
        var (explainer, space, transformer, schema) = Explainers.Exact(model);
        var background = Explainers.Background(model, space);
        var steps = Flatten(transformer).ToList();
        var predictorIndex = steps.FindLastIndex(s => s is IPredictionTransformer<object>);
        var predictor = steps[predictorIndex];
        var rows = FidelityDatasets.PredictionRows(regime, 4);
        var (vectors, slotNames) = Featurize(steps.Take(predictorIndex), FidelityViews.ToView(schema, rows));
        var columns = schema.Select(c => c.Name).ToArray();
        var columnOfSlot = slotNames.Select(n => Array.FindIndex(columns, c => n == c || n.StartsWith(c + ".", StringComparison.Ordinal))).ToArray();
        var players = columns.Length;
        var subsets = 1 << players;

        var raw = explainer.ExplainRaw(FidelityViews.ToView(schema, rows));

        for (var row = 0; row < rows.Count; row++)
        {
            // v(S) = mean over the background z of f(x on the columns of S, z elsewhere), f evaluated by ML.NET.
            var mixed = new List<float[]>();
            for (var subset = 0; subset < subsets; subset++)
            {
                for (var z = 0; z < background.Rows; z++)
                {
                    mixed.Add(Enumerable.Range(0, slotNames.Length)
                        .Select(s => (subset & (1 << columnOfSlot[s])) != 0 ? vectors[row][s] : background.Vectors[(z * slotNames.Length) + s])
                        .ToArray());
                }
            }

            var scores = Score(predictor, mixed, slotNames.Length);
            var value = Enumerable.Range(0, subsets).Select(s => scores.Skip(s * background.Rows).Take(background.Rows).Average()).ToArray();
            for (var i = 0; i < players; i++)
            {
                double shapley = 0;
                for (var subset = 0; subset < subsets; subset++)
                {
                    if ((subset & (1 << i)) != 0)
                    {
                        continue;
                    }

                    var size = System.Numerics.BitOperations.PopCount((uint)subset);
                    shapley += Factorial(size) * Factorial(players - size - 1) / Factorial(players) * (value[subset | (1 << i)] - value[subset]);
                }

                Assert.AreEqual(shapley, raw.Contribution(row, 0, i), 1e-5 * Math.Max(1, Math.Abs(raw.RawScore(row, 0))), $"row {row}, column {columns[i]}");
            }

            Assert.AreEqual(value[0], raw.BaseValues[0], 1e-5 * Math.Max(1, Math.Abs(value[0])), "the base value is the mean over the background");
        }
    }

    private static float[][] MaximumEntropyWeights(MaximumEntropyModelParameters model)
    {
        VBuffer<float>[] weights = [];
        model.GetWeights(ref weights, out var classes);
        return weights.Take(classes).Select(w => w.DenseValues().ToArray()).ToArray();
    }

    /// <summary>The predictor's own scores for feature vectors given directly.</summary>
    private static double[] Score(ITransformer predictor, List<float[]> vectors, int slots)
    {
        var ml = new MLContext(seed: 1);
        var definition = SchemaDefinition.Create(typeof(VectorRow));
        definition[nameof(VectorRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, slots);
        definition[nameof(VectorRow.Features)].ColumnName = ColumnNames.Features;
        var view = ml.Data.LoadFromEnumerable(vectors.Select(v => new VectorRow { Features = v }), definition);
        return predictor.Transform(view).GetColumn<float>("Score").Select(s => (double)s).ToArray();
    }

    private static (float[][] Vectors, string[] SlotNames) Featurize(IEnumerable<ITransformer> featurizer, IDataView rows)
    {
        var view = rows;
        foreach (var step in featurizer)
        {
            view = step.Transform(view);
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        view.Schema[ColumnNames.Features].GetSlotNames(ref names);
        return (view.GetColumn<VBuffer<float>>(ColumnNames.Features).Select(v => v.DenseValues().ToArray()).ToArray(), names.DenseValues().Select(n => n.ToString()).ToArray());
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];

    private sealed class VectorRow
    {
        public float[] Features { get; set; } = [];
    }
}
