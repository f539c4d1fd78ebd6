using AiMaas.Core.Data;
using AiMaas.Core.Serving.Scoring;

namespace AiMaas.Core.Serving;

/// <summary>
/// What one prediction protocol brings to the <see cref="PredictPipeline"/>: the translation between its envelope and the
/// rows and scores the pipeline works on. <typeparamref name="TBody"/> is the protocol's read body (and whatever it keeps
/// of it for the response); the pipeline disposes it.
/// </summary>
public interface IPredictProtocol<in TBody, TResponse>
    where TBody : IDisposable
{
    /// <summary>The protocol's name in the prediction log (<see cref="PredictionProtocol"/>).</summary>
    string Name { get; }

    /// <summary>A response the protocol gives without scoring rows (an ONNX graph answered in its own tensors), or null.</summary>
    Result<TResponse>? AnswerDirectly(TBody body, LoadedModel model) => null;

    /// <summary>The rows to score, read from the body against the model's input schema.</summary>
    Result<TabularDataView> ReadRows(TBody body, LoadedModel model);

    TResponse Respond(TBody body, LoadedModel model, ScoredBatch scored);
}
