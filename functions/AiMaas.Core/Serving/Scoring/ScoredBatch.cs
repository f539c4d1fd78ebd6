namespace AiMaas.Core.Serving.Scoring;

/// <summary>
/// The outputs of scoring a batch, column by column: regression fills <see cref="Scores"/>; binary fills
/// <see cref="Scores"/>, <see cref="BinaryLabels"/> and <see cref="Probabilities"/>; multiclass fills
/// <see cref="ClassLabels"/> and <see cref="Probabilities"/> (row-major, <see cref="ClassCount"/> per row, in the order of
/// <see cref="Classes"/>). Each protocol shapes these columns its own way.
/// </summary>
public sealed class ScoredBatch
{
    public ScoredBatch(TaskKind task, int rows, IReadOnlyList<string>? classes)
    {
        Task = task;
        Rows = rows;
        Classes = classes ?? [];
        switch (task)
        {
            case TaskKind.Regression:
                Scores = new float[rows];
                break;
            case TaskKind.Binary:
                Scores = new float[rows];
                BinaryLabels = new bool[rows];
                Probabilities = new float[rows];
                break;
            default:
                ClassLabels = new string[rows];
                Probabilities = new float[rows * Classes.Count];
                break;
        }
    }

    public TaskKind Task { get; }

    public int Rows { get; }

    public IReadOnlyList<string> Classes { get; }

    public int ClassCount => Classes.Count;

    public float[]? Scores { get; }

    public bool[]? BinaryLabels { get; }

    public float[]? Probabilities { get; }

    public string[]? ClassLabels { get; }

    /// <summary>One object per row in the shape of the AiMaas API: regression {score}; binary {label, probability, score}; multiclass {label, probabilities}.</summary>
    public IReadOnlyList<object> ToPredictions()
    {
        var predictions = new object[Rows];
        for (var row = 0; row < Rows; row++)
        {
            predictions[row] = Prediction(row);
        }

        return predictions;
    }

    public object Prediction(int row)
    {
        switch (Task)
        {
            case TaskKind.Regression:
                return new RegressionPrediction(Scores![row]);
            case TaskKind.Binary:
                return new BinaryPrediction(BinaryLabels![row], Probabilities![row], Scores![row]);
            default:
                var probabilities = new Dictionary<string, float>(ClassCount, StringComparer.Ordinal);
                var offset = row * ClassCount;
                for (var i = 0; i < ClassCount; i++)
                {
                    probabilities[Classes[i]] = Probabilities![offset + i];
                }

                return new MulticlassPrediction(ClassLabels![row], probabilities);
        }
    }
}
