using AiMaas.Core.Serving;
using AiMaas.Core.Serving.Onnx;
using AiMaas.Core.Serving.Scoring;
using Microsoft.ML;

namespace AiMaas.Core.Tests.Serving.Onnx;

/// <summary>A loaded ONNX version a test retires when it is done with it.</summary>
internal sealed class DisposableModel(LoadedModel model) : IDisposable
{
    public OnnxModel? Onnx => model.Onnx;

    public IBatchScorer Scorer => model.Scorer;

    public DataViewSchema InputSchema => model.InputSchema;

    public void Retire() => model.Retire();

    public void Dispose() => model.Retire();
}
