using AiMaas.Core.Data;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Scoring;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// Scores named-feature rows with an ONNX graph: the features, in the manifest's order, fill one <c>[batch, features]</c>
/// input tensor; the score output is read by task: regression its value, binary the positive class's probability (last
/// column), multiclass one probability per class in the order of the manifest's classes.
/// </summary>
public sealed class OnnxTabularScorer(OnnxModel model, ModelManifest manifest) : IBatchScorer
{
    private readonly string _input = model.Description.FeatureInput ?? throw new InvalidOperationException("The ONNX version maps no features onto an input.");
    private readonly string _output = model.Description.ScoreOutput ?? throw new InvalidOperationException("The ONNX version names no score output.");
    private readonly string _inputType = model.Description.Inputs.Single(i => i.Name == model.Description.FeatureInput).Datatype;

    public ScoredBatch Score(TabularDataView batch)
    {
        var (rows, width) = (batch.RowCount, manifest.Features.Count);
        var data = OnnxTypes.Allocate(_inputType, rows * width);
        for (var f = 0; f < width; f++)
        {
            var column = (float[])batch.Columns[f];
            for (var r = 0; r < rows; r++)
            {
                if (data is double[] doubles)
                {
                    doubles[(r * width) + f] = column[r];
                }
                else
                {
                    ((float[])data)[(r * width) + f] = column[r];
                }
            }
        }

        var output = model.Run([new OnnxTensor(_input, _inputType, [rows, width], data)], [_output]).Single();
        var values = output.Data switch
        {
            float[] v => v,
            double[] v => v.Select(x => (float)x).ToArray(),
            _ => throw new InvalidOperationException($"Output '{_output}' is {output.Datatype}; a score output must be FP32 or FP64."),
        };
        if (rows == 0 || values.Length % rows != 0)
        {
            throw new InvalidOperationException($"Output '{_output}' has {values.Length} values for {rows} rows.");
        }

        return Read(values, values.Length / rows, rows);
    }

    private ScoredBatch Read(float[] values, int stride, int rows)
    {
        var results = new ScoredBatch(manifest.Task, rows, manifest.Classes);
        switch (manifest.Task)
        {
            case TaskKind.Regression:
                for (var r = 0; r < rows; r++)
                {
                    results.Scores![r] = values[r * stride];
                }

                break;
            case TaskKind.Binary:
                for (var r = 0; r < rows; r++)
                {
                    var p = values[(r * stride) + stride - 1];
                    results.Probabilities![r] = p;
                    results.BinaryLabels![r] = p > 0.5f;
                    results.Scores![r] = (float)Math.Log(Math.Max(p, 1e-30) / Math.Max(1 - p, 1e-30));
                }

                break;
            default:
                var classes = results.ClassCount;
                if (stride != classes)
                {
                    throw new InvalidOperationException($"Output '{_output}' has {stride} values per row; the model declares {classes} classes.");
                }

                Array.Copy(values, results.Probabilities!, values.Length);
                for (var r = 0; r < rows; r++)
                {
                    var best = 0;
                    for (var c = 1; c < classes; c++)
                    {
                        if (values[(r * classes) + c] > values[(r * classes) + best])
                        {
                            best = c;
                        }
                    }

                    results.ClassLabels![r] = results.Classes[best];
                }

                break;
        }

        return results;
    }
}
