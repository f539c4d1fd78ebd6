using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Training;

/// <summary>
/// Rows with <see cref="RowDraw.Column"/> added, computed from each row's number as it is read. A view rather than an
/// ML.NET custom mapping: the mapping built an object per row and made ML.NET split every pass across threads and merge
/// it back, which cost more than the pass's own work on a large file. Cursor sets are the inner view's, one for one.
/// </summary>
internal sealed class RowDrawView : IDataView
{
    private readonly IDataView _inner;
    private readonly ulong _salt;

    public RowDrawView(IDataView inner, ulong salt)
    {
        (_inner, _salt) = (inner, salt);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inner.Schema);
        builder.AddColumn(RowDraw.Column, NumberDataViewType.Double);
        Schema = builder.ToSchema();
    }

    public bool CanShuffle => _inner.CanShuffle;

    public DataViewSchema Schema { get; }

    private int DrawIndex => _inner.Schema.Count;

    public long? GetRowCount() => _inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var (inner, draw) = InnerColumns(columnsNeeded);
        return new Cursor(this, _inner.GetRowCursor(inner, rand), draw);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var (inner, draw) = InnerColumns(columnsNeeded);
        return _inner.GetRowCursorSet(inner, n, rand).Select(c => (DataViewRowCursor)new Cursor(this, c, draw)).ToArray();
    }

    /// <summary>The inner columns a cursor needs: those asked for, and the row number when the draw is asked for.</summary>
    private (List<DataViewSchema.Column> Inner, bool Draw) InnerColumns(IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        var asked = columnsNeeded.ToList();
        var draw = asked.Any(c => c.Index == DrawIndex);
        var inner = asked.Where(c => c.Index < DrawIndex).Select(c => _inner.Schema[c.Index]).ToList();
        if (draw && inner.All(c => c.Name != ColumnNames.Row || c.IsHidden))
        {
            inner.Add(_inner.Schema[ColumnNames.Row]);
        }

        return (inner, draw);
    }

    private sealed class Cursor(RowDrawView view, DataViewRowCursor inner, bool draw) : DataViewRowCursor
    {
        public override DataViewSchema Schema => view.Schema;

        public override long Position => inner.Position;

        public override long Batch => inner.Batch;

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index == view.DrawIndex ? draw : inner.IsColumnActive(inner.Schema[column.Index]);

        public override bool MoveNext() => inner.MoveNext();

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index != view.DrawIndex)
            {
                return inner.GetGetter<TValue>(inner.Schema[column.Index]);
            }

            var number = inner.GetGetter<double>(inner.Schema[ColumnNames.Row]);
            var (salt, row) = (view._salt, 0.0);
            ValueGetter<double> getter = (ref double value) =>
            {
                number(ref row);
                value = RowDraw.Uniform((ulong)row ^ salt);
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is a double, not {typeof(TValue).Name}.");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
