namespace AiMaas.Core.Serving.KServeV1;

/// <summary>
/// <c>{"predictions": [...]}</c>: a number per row for regression (one output, so unnamed, as TensorFlow Serving does);
/// for classification an object per row with the named outputs, as in the AiMaas API.
/// </summary>
public sealed record V1PredictResponse(IReadOnlyList<object> Predictions);
