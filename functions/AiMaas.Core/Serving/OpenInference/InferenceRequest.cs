using AiMaas.Core.Data;

namespace AiMaas.Core.Serving.OpenInference;

/// <summary>A validated <c>$inference_request</c>: the rows as feature columns, the request id to echo and the outputs asked for (null: all).</summary>
internal sealed record InferenceRequest(TabularDataView Batch, string? Id, IReadOnlySet<string>? Outputs);
