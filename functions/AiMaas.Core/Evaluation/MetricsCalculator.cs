using Microsoft.ML;

namespace AiMaas.Core.Evaluation;

/// <summary>Evaluates predictions on held-out rows with the metrics users compare models by.</summary>
internal static class MetricsCalculator
{
    public static IReadOnlyDictionary<string, double> Evaluate(MLContext ml, TaskKind task, IDataView scored, int testRows)
    {
        if (testRows == 0)
        {
            // ML.NET reports 0 rather than NaN for an empty set, which would read as a perfect RMSE.
            return new Dictionary<string, double>();
        }

        var metrics = task switch
        {
            TaskKind.Regression => Regression(ml, scored),
            TaskKind.Binary => Binary(ml, scored),
            _ => Multiclass(ml, scored),
        };

        // NaN and infinities (an empty or one-class test set) cannot be compared or stored as JSON; leave them out.
        return metrics.Where(m => double.IsFinite(m.Value)).ToDictionary(m => m.Key, m => Math.Round(m.Value, 6));
    }

    private static Dictionary<string, double> Regression(MLContext ml, IDataView scored)
    {
        var m = ml.Regression.Evaluate(scored, ColumnNames.Label);
        return new() { ["rSquared"] = m.RSquared, ["rmse"] = m.RootMeanSquaredError, ["mae"] = m.MeanAbsoluteError };
    }

    private static Dictionary<string, double> Binary(MLContext ml, IDataView scored)
    {
        try
        {
            var m = ml.BinaryClassification.Evaluate(scored, ColumnNames.Label);
            return new() { ["auc"] = m.AreaUnderRocCurve, ["accuracy"] = m.Accuracy, ["f1"] = m.F1Score, ["logLoss"] = m.LogLoss };
        }
        catch (ArgumentOutOfRangeException)
        {
            // ML.NET refuses AUC (and with it every metric) when the test rows hold a single class; accuracy alone is still meaningful.
            return new() { ["accuracy"] = BinaryAccuracy(scored) };
        }
    }

    private static double BinaryAccuracy(IDataView scored)
    {
        var label = scored.Schema[ColumnNames.Label];
        var predicted = scored.Schema["PredictedLabel"];
        using var cursor = scored.GetRowCursor([label, predicted]);
        var getLabel = cursor.GetGetter<bool>(label);
        var getPredicted = cursor.GetGetter<bool>(predicted);
        bool actual = false, guess = false;
        int rows = 0, correct = 0;
        while (cursor.MoveNext())
        {
            getLabel(ref actual);
            getPredicted(ref guess);
            rows++;
            correct += actual == guess ? 1 : 0;
        }

        return rows == 0 ? double.NaN : (double)correct / rows;
    }

    private static Dictionary<string, double> Multiclass(MLContext ml, IDataView scored)
    {
        var m = ml.MulticlassClassification.Evaluate(scored, ColumnNames.Label);
        return new() { ["macroAccuracy"] = m.MacroAccuracy, ["microAccuracy"] = m.MicroAccuracy, ["logLoss"] = m.LogLoss };
    }
}
