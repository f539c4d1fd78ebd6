namespace AiMaas.Core.Explanations;

/// <summary>
/// One pass over the training rows in the model's feature space: the exact mean vector (double sums) and a seeded
/// uniform sample of the vectors (reservoir sampling), so that a model trained on a million rows stores 100.
/// </summary>
internal static class BackgroundSampler
{
    public const int Rows = 100;

    public static ExplanationBackground Create(FeatureSpace space, Microsoft.ML.IDataView trainingRows, IReadOnlyList<string> slotNames, int seed)
    {
        var slots = space.Slots;
        var sums = new double[slots];
        var sample = new float[Rows * slots];
        var random = new Random(seed);
        var seen = 0;
        space.ForEach(trainingRows, vector =>
        {
            for (var s = 0; s < slots; s++)
            {
                sums[s] += vector[s];
            }

            var target = seen < Rows ? seen : random.Next(seen + 1);
            if (target < Rows)
            {
                vector.CopyTo(sample.AsSpan(target * slots, slots));
            }

            seen++;
        });
        var mean = sums.Select(s => seen == 0 ? 0f : (float)(s / seen)).ToArray();
        var kept = Math.Min(seen, Rows);
        return new ExplanationBackground(slotNames, mean, kept, sample.AsSpan(0, kept * slots).ToArray());
    }
}
