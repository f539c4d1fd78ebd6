using AiMaas.Core.Datasets;

namespace AiMaas.Core.Training;

/// <summary>Chooses the task from the label column when the request does not say, and checks that the label fits the task.</summary>
internal static class LabelPlanner
{
    private static readonly (string True, string False)[] BooleanPairs = [("1", "0"), ("true", "false"), ("yes", "no")];

    /// <param name="distinctValues">The label column's distinct non-missing values (bounded by the profile).</param>
    /// <param name="profile">The label column's profile.</param>
    /// <param name="requested">The task the request names, if any.</param>
    public static Result<LabelPlan> Plan(IEnumerable<string> distinctValues, ColumnProfile profile, TaskKind? requested)
    {
        var values = distinctValues.Where(v => !ColumnTypeInference.IsMissing(v))
            .Select(v => v.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        if (values.Length == 0)
        {
            return Label($"column '{profile.Name}' has no values.");
        }

        var truePair = BooleanPairs.Where(p => values.All(v => v == p.True || v == p.False)).Select(p => p.True).FirstOrDefault();
        var task = requested ?? Infer(profile, values.Length, truePair);
        switch (task)
        {
            case TaskKind.Regression when profile.Type != ColumnKind.Number:
                return Label(
                    $"regression needs a numeric label, but column '{profile.Name}' holds text such as '{FirstNonNumeric(values)}'.");
            case TaskKind.Regression when values.Length < 2:
                return Label($"column '{profile.Name}' has a single value; there is nothing to learn.");
            case TaskKind.Binary when truePair is null || values.Length != 2:
                return Label(
                    $"binary classification needs exactly two label values, 1/0, true/false or yes/no; column '{profile.Name}' has {Describe(values)}.");
            case TaskKind.Multiclass when values.Length < 2:
                return Label($"classification needs at least two classes; column '{profile.Name}' has only '{values[0]}'.");
            default:
                return new LabelPlan(task, task == TaskKind.Binary ? new HashSet<string>([truePair!], StringComparer.OrdinalIgnoreCase) : null);
        }
    }

    private static Problem Label(string message) => Problem.Invalid("label", message);

    private static TaskKind Infer(ColumnProfile profile, int distinct, string? truePair) =>
        (profile.Type, distinct, truePair) switch
        {
            (_, 2, not null) => TaskKind.Binary,
            (ColumnKind.Number, _, _) => TaskKind.Regression,
            _ => TaskKind.Multiclass,
        };

    private static string FirstNonNumeric(string[] values) => values.First(v => !ColumnTypeInference.TryParseNumber(v, out _));

    private static string Describe(string[] values) =>
        values.Length > 5 ? $"{values.Length} distinct values" : $"the values {string.Join(", ", values.Select(v => $"'{v}'"))}";
}
