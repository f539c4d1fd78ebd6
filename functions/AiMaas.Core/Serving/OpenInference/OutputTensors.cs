using System.Text.Json;
using AiMaas.Core.Serving.Scoring;

namespace AiMaas.Core.Serving.OpenInference;

/// <summary>
/// The output tensors per task: regression <c>score</c> FP32 [batch]; binary <c>label</c> BOOL, <c>probability</c> FP32 and
/// <c>score</c> FP32, each [batch]; multiclass <c>label</c> BYTES [batch] and <c>probabilities</c> FP32 [batch, classes] with
/// the class order in its <c>classes</c> parameter.
/// </summary>
internal static class OutputTensors
{
    public const string Score = "score";
    public const string Label = "label";
    public const string Probability = "probability";
    public const string Probabilities = "probabilities";

    public static IReadOnlyList<string> Names(TaskKind task) => task switch
    {
        TaskKind.Regression => [Score],
        TaskKind.Binary => [Label, Probability, Score],
        _ => [Label, Probabilities],
    };

    public static IReadOnlyList<TensorMetadata> Describe(TaskKind task, int classes) => task switch
    {
        TaskKind.Regression => [new(Score, Datatypes.Fp32, [-1])],
        TaskKind.Binary => [new(Label, Datatypes.Bool, [-1]), new(Probability, Datatypes.Fp32, [-1]), new(Score, Datatypes.Fp32, [-1])],
        _ => [new(Label, Datatypes.Bytes, [-1]), new(Probabilities, Datatypes.Fp32, [-1, classes])],
    };

    /// <summary>The class names in score order, as a JSON array in a string (protocol parameters are scalars).</summary>
    public static string ClassesParameter(IReadOnlyList<string> classes) => JsonSerializer.Serialize(classes, AiMaasJson.Options);

    public static IReadOnlyList<InferenceTensor> Build(ScoredBatch scored, IReadOnlySet<string>? requested)
    {
        long rows = scored.Rows;
        var tensors = new List<InferenceTensor>(3);
        switch (scored.Task)
        {
            case TaskKind.Regression:
                Add(Score, Datatypes.Fp32, [rows], scored.Scores!);
                break;
            case TaskKind.Binary:
                Add(Label, Datatypes.Bool, [rows], scored.BinaryLabels!);
                Add(Probability, Datatypes.Fp32, [rows], scored.Probabilities!);
                Add(Score, Datatypes.Fp32, [rows], scored.Scores!);
                break;
            default:
                Add(Label, Datatypes.Bytes, [rows], scored.ClassLabels!);
                if (requested is null || requested.Contains(Probabilities))
                {
                    tensors.Add(new InferenceTensor(Probabilities, Datatypes.Fp32, [rows, scored.ClassCount], scored.Probabilities!)
                    {
                        Parameters = new Dictionary<string, object> { ["classes"] = ClassesParameter(scored.Classes) },
                    });
                }

                break;
        }

        return tensors;

        void Add(string name, string datatype, long[] shape, object data)
        {
            if (requested is null || requested.Contains(name))
            {
                tensors.Add(new InferenceTensor(name, datatype, shape, data));
            }
        }
    }
}
