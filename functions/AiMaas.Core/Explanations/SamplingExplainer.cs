using AiMaas.Core.Data;
using AiMaas.Core.Serving.Scoring;

namespace AiMaas.Core.Explanations;

/// <summary>
/// Explains any model through its own outputs, with the input columns as players: for each background row z, a random
/// order of the columns and its reverse (antithetic sampling) switch the columns one by one from z's values to the
/// instance's, and each switch's change of output is credited to the column switched. Every walk ends at the instance's
/// own output, so the contributions add up exactly to the output minus the mean output over the background, the base
/// value; only how that total is split between columns is an estimate. Seeded: the same request gets the same answer.
/// </summary>
internal sealed class SamplingExplainer(IBatchScorer scorer, TabularDataView background, TaskKind task, int classes)
{
    private const int Seed = 20_261_201;

    public IReadOnlyList<string> Columns { get; } = background.Schema.Select(c => c.Name).ToArray();

    private int Outputs => task == TaskKind.Multiclass ? classes : 1;

    public RawExplanations Explain(TabularDataView batch)
    {
        var columns = Columns.Count;
        var outputs = Outputs;
        var result = new RawExplanations(batch.RowCount, outputs, columns);
        var backgroundOutputs = Read(scorer.Score(background), background.RowCount);
        for (var o = 0; o < outputs; o++)
        {
            double sum = 0;
            for (var z = 0; z < background.RowCount; z++)
            {
                sum += backgroundOutputs[(z * outputs) + o];
            }

            result.BaseValues[o] = sum / background.RowCount;
        }

        for (var row = 0; row < batch.RowCount; row++)
        {
            ExplainRow(batch, row, result);
        }

        return result;
    }

    private void ExplainRow(TabularDataView batch, int row, RawExplanations result)
    {
        var columns = Columns.Count;
        var outputs = Outputs;
        var walks = background.RowCount * 2;
        var steps = columns + 1;
        var random = new Random(Seed + row);
        var orders = new int[walks][];
        var composite = background.Schema.Select(c => Array.CreateInstance(background.Columns[c.Index].GetType().GetElementType()!, walks * steps)).ToArray();
        for (var walk = 0; walk < walks; walk++)
        {
            var z = walk / 2;
            if (walk % 2 == 0)
            {
                orders[walk] = Enumerable.Range(0, columns).ToArray();
                random.Shuffle(orders[walk]);
            }
            else
            {
                orders[walk] = orders[walk - 1].Reverse().ToArray();
            }

            for (var step = 0; step < steps; step++)
            {
                var target = (walk * steps) + step;
                for (var c = 0; c < columns; c++)
                {
                    Array.Copy(background.Columns[c], z, composite[c], target, 1);
                }

                for (var k = 0; k < step; k++)
                {
                    var c = orders[walk][k];
                    Array.Copy(batch.Columns[c], row, composite[c], target, 1);
                }
            }
        }

        var values = Read(scorer.Score(new TabularDataView(background.Schema, composite, walks * steps)), walks * steps);
        var offset = row * outputs;
        for (var walk = 0; walk < walks; walk++)
        {
            for (var step = 1; step < steps; step++)
            {
                var column = orders[walk][step - 1];
                for (var o = 0; o < outputs; o++)
                {
                    var change = values[((((walk * steps) + step) * outputs) + o)] - values[((((walk * steps) + step - 1) * outputs) + o)];
                    result.Contributions[((offset + o) * columns) + column] += change / walks;
                }
            }
        }

        // The instance's own output, scored with every column switched, is the same in every walk.
        for (var o = 0; o < outputs; o++)
        {
            result.RawScores[offset + o] = values[(((steps - 1) * outputs) + o)];
        }

        // Each walk adds up to output − f(z), so all of them to output − base value; spread the floating-point residue.
        for (var o = 0; o < outputs; o++)
        {
            double total = 0;
            for (var c = 0; c < columns; c++)
            {
                total += result.Contributions[((offset + o) * columns) + c];
            }

            var gap = result.RawScores[offset + o] - result.BaseValues[o] - total;
            if (columns > 0 && gap != 0)
            {
                for (var c = 0; c < columns; c++)
                {
                    result.Contributions[((offset + o) * columns) + c] += gap / columns;
                }
            }
        }
    }

    private double[] Read(ScoredBatch scored, int rows)
    {
        if (task == TaskKind.Multiclass)
        {
            return scored.Probabilities!.Select(p => (double)p).ToArray();
        }

        var values = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            values[i] = scored.Scores![i];
        }

        return values;
    }
}
