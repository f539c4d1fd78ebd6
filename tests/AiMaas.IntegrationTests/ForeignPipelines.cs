using AiMaas.Core.Data;
using AiMaas.Core.Datasets;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Fidelity;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace AiMaas.IntegrationTests;

/// <summary>
/// ML.NET models built the way a data scientist might outside the platform: missing numbers replaced by the maximum,
/// text hashed rather than one-hot encoded, mean-variance normalisation, and a trainer the platform does not use.
/// </summary>
internal static class ForeignPipelines
{
    private static readonly string[] Numbers = ["share", "amount", "delta"];

    public static byte[] Train(string csv, TaskKind task)
    {
        var ml = new MLContext(seed: 5);
        var table = CsvTableReader.Read(csv);
        var inputSchema = TabularDataView.CreateSchema(Numbers.Select(n => (n, (DataViewType)NumberDataViewType.Single)).Append(("city", TextDataViewType.Instance)));
        var data = new TabularDataView(
            TabularDataView.CreateSchema(inputSchema.Select(c => (c.Name, c.Type)).Append(("Label", task == TaskKind.Binary ? BooleanDataViewType.Instance : NumberDataViewType.Single))),
            [.. Numbers.Select(n => (Array)Column(table, n)), Texts(table, "city"), Label(table, task)],
            table.Rows.Count);
        var features = ml.Transforms.ReplaceMissingValues(Numbers.Select(n => new InputOutputColumnPair(n)).ToArray(), MissingValueReplacingEstimator.ReplacementMode.Maximum)
            .Append(ml.Transforms.Categorical.OneHotHashEncoding("city_hashed", "city", numberOfBits: 4))
            .Append(ml.Transforms.Concatenate("Features", [.. Numbers, "city_hashed"]))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"));
        ITransformer model = task == TaskKind.Binary
            ? features.Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(data)
            : features.Append(ml.Regression.Trainers.OnlineGradientDescent(numberOfIterations: 20)).Fit(data);
        using var zip = new MemoryStream();
        ml.Model.Save(model, inputSchema, zip);
        return zip.ToArray();
    }

    private static float[] Column(CsvTable table, string name)
    {
        var index = table.ColumnIndex(name);
        return table.Rows.Select(r => ColumnTypeInference.TryParseNumber(r[index], out var value) ? value : float.NaN).ToArray();
    }

    private static ReadOnlyMemory<char>[] Texts(CsvTable table, string name)
    {
        var index = table.ColumnIndex(name);
        return table.Rows.Select(r => r[index].AsMemory()).ToArray();
    }

    private static Array Label(CsvTable table, TaskKind task)
    {
        var index = table.ColumnIndex(FidelityDatasets.Label);
        return task == TaskKind.Binary
            ? table.Rows.Select(r => r[index] == "yes").ToArray()
            : Column(table, FidelityDatasets.Label);
    }
}
