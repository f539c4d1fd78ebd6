namespace AiMaas.Bench.BareKestrel;

/// <summary>Scores instances with <c>w · x + b</c>; a feature that is absent or null counts as 0.</summary>
public sealed class LinearModel(LinearWeights model)
{
    private readonly float[] _weights = [.. model.Weights.Select(w => (float)w)];
    private readonly float _bias = (float)model.Bias;

    public PredictResponse Predict(PredictRequest request)
    {
        var predictions = new ScorePrediction[request.Instances.Count];
        for (var i = 0; i < predictions.Length; i++)
        {
            var x = request.Instances[i];
            var score = _bias
                + (_weights[0] * (x.F0 ?? 0)) + (_weights[1] * (x.F1 ?? 0)) + (_weights[2] * (x.F2 ?? 0)) + (_weights[3] * (x.F3 ?? 0))
                + (_weights[4] * (x.F4 ?? 0)) + (_weights[5] * (x.F5 ?? 0)) + (_weights[6] * (x.F6 ?? 0)) + (_weights[7] * (x.F7 ?? 0))
                + (_weights[8] * (x.F8 ?? 0)) + (_weights[9] * (x.F9 ?? 0));
            predictions[i] = new ScorePrediction(score);
        }

        return new PredictResponse(predictions);
    }
}
