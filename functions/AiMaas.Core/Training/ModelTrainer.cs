using AiMaas.Core.Datasets;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Fidelity;
using Microsoft.Extensions.Options;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Training;

/// <summary>Trains on a seeded split, evaluates on the held-out part and serializes a model whose input is the features alone.</summary>
public sealed class ModelTrainer(IOptions<AiMaasOptions> options)
{
    public TrainedModel Train(CsvTable table, TrainingSpec spec)
    {
        var settings = options.Value;
        var labelIndex = table.ColumnIndex(spec.Label);
        if (labelIndex < 0)
        {
            throw new TrainingRequestException(
                $"label: column '{spec.Label}' is not in the dataset; its columns are {string.Join(", ", table.Headers.Select(h => $"'{h}'"))}.");
        }

        var profiles = ColumnTypeInference.Infer(table);
        var plan = LabelPlanner.Plan(table, labelIndex, profiles[labelIndex], spec.Task);
        var features = profiles
            .Where((p, i) => i != labelIndex && p.Missing < table.Rows.Count)
            .Select(p => new FeatureDefinition(p.Name, p.Type))
            .ToArray();
        if (features.Length == 0)
        {
            throw new TrainingRequestException("The dataset has no feature columns with values besides the label.");
        }

        var ml = new MLContext(settings.TrainingSeed);
        var data = TrainingDataBuilder.Build(table, features, labelIndex, plan);
        var labelledRows = (int)data.GetRowCount()!.Value;
        if (labelledRows < settings.MinTrainingRows)
        {
            throw new TrainingRequestException(
                $"The dataset has {labelledRows} rows with a value in '{spec.Label}'; at least {settings.MinTrainingRows} are needed to train and evaluate.");
        }

        var (labeled, classes) = PrepareLabel(ml, plan.Task, data);
        var split = ml.Data.TrainTestSplit(labeled, settings.TestFraction, seed: settings.TrainingSeed);
        var trainRows = CountRows(split.TrainSet);
        var (pipeline, trainer) = PipelineFactory.Create(ml, plan.Task, spec.Trainer, features, trainRows);
        var model = pipeline.Fit(split.TrainSet);
        var testRows = CountRows(split.TestSet);
        var metrics = MetricsCalculator.Evaluate(ml, plan.Task, model.Transform(split.TestSet), testRows);

        var inputSchema = FeatureSchema.ToDataViewSchema(features);
        using var zip = new MemoryStream();
        ml.Model.Save(model, inputSchema, zip);
        var splitDescription = new SplitDescription(
            settings.TestFraction, settings.TrainingSeed, trainRows, testRows, table.Rows.Count - labelledRows);
        return new TrainedModel(zip.ToArray(), plan.Task, features, classes, metrics, trainer, splitDescription)
        {
            Transformer = model,
            HoldOut = HoldOut.Read(split.TestSet, plan.Task, classes),
            TrainingRows = split.TrainSet,
            Probe = ProbeSetFactory.Create(model, ProbeRows.FromHoldOut(split.TestSet, inputSchema), plan.Task, classes),
        };
    }

    /// <summary>
    /// Class labels become keys before training, outside the saved model, so that the served model needs no label column.
    /// </summary>
    private static (IDataView Data, IReadOnlyList<string>? Classes) PrepareLabel(MLContext ml, TaskKind task, IDataView data)
    {
        if (task != TaskKind.Multiclass)
        {
            return (data, null);
        }

        var keyed = ml.Transforms.Conversion.MapValueToKey(ColumnNames.Label).Fit(data).Transform(data);
        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        keyed.Schema[ColumnNames.Label].GetKeyValues(ref keyValues);
        return (keyed, keyValues.DenseValues().Select(v => v.ToString()).ToArray());
    }

    private static int CountRows(IDataView data)
    {
        var count = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext())
        {
            count++;
        }

        return count;
    }
}
