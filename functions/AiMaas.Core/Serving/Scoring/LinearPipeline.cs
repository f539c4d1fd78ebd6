using System.Collections.Immutable;

namespace AiMaas.Core.Serving.Scoring;

/// <summary>
/// The parameters of a linear regression behind a min-max normaliser, slot for slot in feature order: the model's
/// score is <c>Bias + Σ Weights[f] · ((x[f] − Offsets[f]) · Scales[f])</c>. <see cref="Offsets"/> is empty when the
/// normaliser keeps zero at zero.
/// </summary>
internal sealed record LinearPipeline(ImmutableArray<float> Scales, ImmutableArray<float> Offsets, float[] Weights, float Bias);
