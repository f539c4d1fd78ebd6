using AiMaas.Core.Data;
using AiMaas.Core.Datasets;
using AiMaas.Core.Registry;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Training;

/// <summary>Turns CSV rows into typed columns: features as the model will see them at prediction time, plus the label.</summary>
internal static class TrainingDataBuilder
{
    public static Result<TabularDataView> Build(CsvTable table, IReadOnlyList<FeatureDefinition> features, int labelIndex, LabelPlan plan)
    {
        var rows = table.Rows.Where(r => !ColumnTypeInference.IsMissing(r[labelIndex])).ToArray();
        if (rows.Length == 0)
        {
            return Problem.Invalid("label", $"column '{table.Headers[labelIndex]}' has no values.");
        }

        var columns = new Array[features.Count + 2];
        for (var f = 0; f < features.Count; f++)
        {
            var index = table.ColumnIndex(features[f].Name);
            columns[f] = features[f].Type == ColumnKind.Number
                ? rows.Select(r => ParseNumber(r[index])).ToArray()
                : rows.Select(r => ColumnTypeInference.IsMissing(r[index]) ? ReadOnlyMemory<char>.Empty : r[index].AsMemory()).ToArray();
        }

        columns[^2] = plan.Task switch
        {
            TaskKind.Regression => rows.Select(r => ParseNumber(r[labelIndex])).ToArray(),
            TaskKind.Binary => rows.Select(r => plan.TrueValues!.Contains(r[labelIndex])).ToArray(),
            _ => rows.Select(r => r[labelIndex].AsMemory()).ToArray(),
        };

        columns[^1] = Enumerable.Range(0, rows.Length).Select(i => (double)i).ToArray();
        return new TabularDataView(CreateSchema(features, plan.Task), columns, rows.Length);
    }

    /// <summary>The features as the model sees them, then the label as the task reads it, then the labelled row number.</summary>
    internal static DataViewSchema CreateSchema(IReadOnlyList<FeatureDefinition> features, TaskKind task) =>
        TabularDataView.CreateSchema(
            FeatureSchema.ToDataViewColumns(features).Append((ColumnNames.Label, LabelType(task))).Append((ColumnNames.Row, NumberDataViewType.Double)));

    internal static float ParseNumber(string value) => ColumnTypeInference.TryParseNumber(value, out var number) ? number : float.NaN;

    private static DataViewType LabelType(TaskKind task) => task switch
    {
        TaskKind.Regression => NumberDataViewType.Single,
        TaskKind.Binary => BooleanDataViewType.Instance,
        _ => TextDataViewType.Instance,
    };
}
