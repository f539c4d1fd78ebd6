using AiMaas.Core.Data;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Explanations;

/// <summary>
/// The vector a platform-trained model's predictor sees: every transformer before the predictor (imputation, one-hot,
/// concatenation, normalisation) applied as the model applies it, and each slot of that vector mapped back to the input
/// column it came from (a number is one slot, a text column one slot per category).
/// </summary>
internal sealed class FeatureSpace
{
    private readonly ITransformer[] _featurizer;
    private readonly string _featureColumn;
    private readonly ObjectPool<FeatureEngine> _engines;

    private FeatureSpace(ITransformer model, DataViewSchema inputSchema, ITransformer[] featurizer, string featureColumn, object parameters, int[] groupOfSlot, IReadOnlyList<string> slotNames, IReadOnlyList<string> columns)
    {
        _featurizer = featurizer;
        _featureColumn = featureColumn;
        _engines = new DefaultObjectPool<FeatureEngine>(new EnginePolicy(model, inputSchema, featureColumn), Environment.ProcessorCount * 2);
        Parameters = parameters;
        GroupOfSlot = groupOfSlot;
        SlotNames = slotNames;
        Columns = columns;
    }

    /// <summary>The predictor's model parameters (linear weights, trees, a calibrated or one-versus-all wrapper...).</summary>
    public object Parameters { get; }

    /// <summary>For each slot of the feature vector, the index in <see cref="Columns"/> of the input column it came from.</summary>
    public int[] GroupOfSlot { get; }

    public int Slots => GroupOfSlot.Length;

    /// <summary>The feature vector's slot names: <c>column</c> or <c>column.category</c>.</summary>
    public IReadOnlyList<string> SlotNames { get; }

    /// <summary>The input columns, in the model's input-schema order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Reads the chain; null when it is not a featurizer followed by one predictor over a vector whose slots map to input columns.</summary>
    public static FeatureSpace? TryRead(ITransformer model, DataViewSchema inputSchema)
    {
        var steps = ModelSteps.Flatten(model).ToList();
        // A Platt calibrator appended after a trainer (svm, fastForest) is a prediction transformer too, over the score:
        // the predictor to explain is the one over the feature vector, and the calibrator leaves its score unchanged.
        var predictorIndex = steps.FindLastIndex(s => s is ISingleFeaturePredictionTransformer<object> { Model: not Microsoft.ML.Calibrators.ICalibrator });
        if (predictorIndex < 0)
        {
            return null;
        }

        var predictor = (ISingleFeaturePredictionTransformer<object>)steps[predictorIndex];
        var featurizer = steps.Take(predictorIndex).ToArray();
        var schema = inputSchema;
        foreach (var step in featurizer)
        {
            schema = step.GetOutputSchema(schema);
        }

        if (schema.GetColumnOrNull(predictor.FeatureColumnName) is not { Type: VectorDataViewType { Size: > 0 } vector } column
            || vector.ItemType != NumberDataViewType.Single)
        {
            return null;
        }

        if (!column.HasSlotNames())
        {
            return null;
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        if (names.Length != vector.Size)
        {
            return null;
        }

        var slotNames = names.DenseValues().Select(n => n.ToString()).ToArray();
        var columns = inputSchema.Select(c => c.Name).ToArray();
        var groups = MapSlots(slotNames, columns);
        return groups is null ? null : new FeatureSpace(model, inputSchema, featurizer, predictor.FeatureColumnName, predictor.Model, groups, slotNames, columns);
    }

    /// <summary>The feature vectors of <paramref name="rows"/>, row-major, <see cref="Slots"/> per row.</summary>
    public float[] Featurize(IDataView rows, int count)
    {
        var result = new float[count * Slots];
        var row = 0;
        ForEach(rows, vector =>
        {
            if (row < count)
            {
                vector.CopyTo(result.AsSpan(row * Slots, Slots));
            }

            row++;
        });
        return result;
    }

    /// <summary>Streams the feature vector of every row of <paramref name="rows"/> (any view with the model's input columns).</summary>
    public void ForEach(IDataView rows, Action<float[]> visit)
    {
        var view = rows;
        foreach (var step in _featurizer)
        {
            view = step.Transform(view);
        }

        var column = view.Schema[_featureColumn];
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        var dense = new float[Slots];
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            buffer.CopyTo(dense);
            visit(dense);
        }
    }

    /// <summary>The feature vectors of a request's rows, through a pooled <see cref="FeatureEngine"/>.</summary>
    public float[] Featurize(TabularDataView rows)
    {
        var result = new float[rows.RowCount * Slots];
        var engine = _engines.Get();
        try
        {
            engine.Featurize(rows, 0, rows.RowCount, result, Slots);
        }
        finally
        {
            _engines.Return(engine);
        }

        return result;
    }

    /// <summary>
    /// Slot names are <c>column</c> for a number and <c>column.category</c> for a one-hot slot; a slot belongs to the
    /// longest input column name it starts with, so that a column named <c>a.b</c> wins over <c>a</c>.
    /// </summary>
    private static int[]? MapSlots(string[] slotNames, string[] columns)
    {
        var groups = new int[slotNames.Length];
        for (var slot = 0; slot < slotNames.Length; slot++)
        {
            var best = -1;
            for (var c = 0; c < columns.Length; c++)
            {
                var name = columns[c];
                var matches = slotNames[slot] == name
                    || (slotNames[slot].Length > name.Length && slotNames[slot].StartsWith(name, StringComparison.Ordinal) && slotNames[slot][name.Length] == '.');
                if (matches && (best < 0 || name.Length > columns[best].Length))
                {
                    best = c;
                }
            }

            if (best < 0)
            {
                return null;
            }

            groups[slot] = best;
        }

        return groups;
    }

    private sealed class EnginePolicy(ITransformer model, DataViewSchema inputSchema, string featureColumn) : IPooledObjectPolicy<FeatureEngine>
    {
        public FeatureEngine Create() => new(model, inputSchema, featureColumn);

        public bool Return(FeatureEngine obj) => true;
    }
}
