using AiMaas.Core.Data;

namespace AiMaas.Core.Serving.Scoring;

/// <summary>Scores a batch of feature rows into the outputs of the model's task; thread-safe. ML.NET pipelines and feature-mapped ONNX graphs alike.</summary>
public interface IBatchScorer
{
    ScoredBatch Score(TabularDataView batch);
}
