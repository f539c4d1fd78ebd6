using AiMaas.Core.Data;
using AiMaas.Core.Serving.Scoring;

namespace AiMaas.Core.Serving;

/// <summary>
/// What one predict request did, gathered along the shared predict pipeline: the version it resolved to, the rows it read and
/// what they scored. The arrays are referenced, not copied: nothing changes them after scoring, and the prediction log
/// writes its line from them when the request completes.
/// </summary>
public sealed class PredictionCall(string protocol, ModelReference reference, string requestId, DateTimeOffset time, long startTimestamp)
{
    public string Protocol { get; } = protocol;

    public ModelReference Reference { get; } = reference;

    public string RequestId { get; } = requestId;

    public DateTimeOffset Time { get; } = time;

    public long StartTimestamp { get; } = startTimestamp;

    public LoadedModel? Model { get; private set; }

    public TabularDataView? Inputs { get; private set; }

    public ScoredBatch? Outputs { get; private set; }

    /// <summary>The request resolved to a loaded version (later steps may still fail).</summary>
    public void Resolved(LoadedModel model) => Model = model;

    public void Scored(TabularDataView inputs, ScoredBatch outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
    }
}
