using Microsoft.ML;

namespace AiMaas.Core.Training;

/// <summary>Evaluates predictions on held-out rows with the metrics users compare models by.</summary>
internal static class MetricsCalculator
{
    public static IReadOnlyDictionary<string, double> Evaluate(MLContext ml, TaskKind task, IDataView scored)
    {
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
            // ML.NET refuses AUC when the test rows hold a single class; accuracy alone is still meaningful.
            var m = ml.BinaryClassification.EvaluateNonCalibrated(scored, ColumnNames.Label);
            return new() { ["accuracy"] = m.Accuracy };
        }
    }

    private static Dictionary<string, double> Multiclass(MLContext ml, IDataView scored)
    {
        var m = ml.MulticlassClassification.Evaluate(scored, ColumnNames.Label);
        return new() { ["macroAccuracy"] = m.MacroAccuracy, ["microAccuracy"] = m.MicroAccuracy, ["logLoss"] = m.LogLoss };
    }
}
