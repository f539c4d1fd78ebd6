using AiMaas.Core.Datasets;
using AiMaas.Core.Registry;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Training.Sources;

/// <summary>
/// The labelled rows of a dataset file as a forward-only data view, streamed from the file: each cursor reads the file
/// again, leaves out rows without a label value, and converts each field as <see cref="TrainingDataBuilder"/> does for
/// an in-memory table (numbers invariant, missing values NaN or empty, the label as the task reads it, the labelled row
/// number last). Nothing but the current row is held.
/// </summary>
internal sealed class LabelledRowsView : IDataView
{
    private readonly Func<IDatasetRecords> _open;
    private readonly int[] _indexes;
    private readonly int _labelIndex;
    private readonly LabelPlan _plan;

    /// <param name="open">Opens the file's records from the start.</param>
    /// <param name="features">The features, in schema order.</param>
    /// <param name="featureIndexes">Each feature's column in the file.</param>
    /// <param name="labelIndex">The label's column in the file.</param>
    /// <param name="plan">The task and how to read the label.</param>
    public LabelledRowsView(Func<IDatasetRecords> open, IReadOnlyList<FeatureDefinition> features, int[] featureIndexes, int labelIndex, LabelPlan plan)
    {
        (_open, _indexes, _labelIndex, _plan) = (open, featureIndexes, labelIndex, plan);
        Schema = TrainingDataBuilder.CreateSchema(features, plan.Task);
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly LabelledRowsView _view;
        private readonly IDatasetRecords _records;
        private readonly IEnumerator<string[]> _rows;
        private string[] _row = [];
        private long _position = -1;

        public Cursor(LabelledRowsView view)
        {
            _view = view;
            _records = view._open();
            _rows = _records.ReadAll().GetEnumerator();
        }

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override bool MoveNext()
        {
            while (_rows.MoveNext())
            {
                if (!ColumnTypeInference.IsMissing(_rows.Current[_view._labelIndex]))
                {
                    _row = _rows.Current;
                    _position++;
                    return true;
                }
            }

            return false;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var features = _view._indexes.Length;
            Delegate getter = column.Index switch
            {
                var f when f < features => column.Type is TextDataViewType ? Text(_view._indexes[f]) : Number(_view._indexes[f]),
                var l when l == features => Label(),
                _ => (ValueGetter<double>)((ref double value) => value = _position),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _rows.Dispose();
                _records.Dispose();
            }

            base.Dispose(disposing);
        }

        private ValueGetter<float> Number(int index) => (ref float value) => value = TrainingDataBuilder.ParseNumber(_row[index]);

        private ValueGetter<ReadOnlyMemory<char>> Text(int index) => (ref ReadOnlyMemory<char> value) =>
            value = ColumnTypeInference.IsMissing(_row[index]) ? ReadOnlyMemory<char>.Empty : _row[index].AsMemory();

        private Delegate Label()
        {
            var (index, plan) = (_view._labelIndex, _view._plan);
            return plan.Task switch
            {
                TaskKind.Regression => Number(index),
                TaskKind.Binary => (ValueGetter<bool>)((ref bool value) => value = plan.TrueValues!.Contains(_row[index])),
                _ => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = _row[index].AsMemory()),
            };
        }
    }
}
