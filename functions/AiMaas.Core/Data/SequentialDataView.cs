using Microsoft.ML;

namespace AiMaas.Core.Data;

/// <summary>
/// Reads <paramref name="inner"/> with one cursor, in order, and never shuffled: a model trained on a file then
/// sees its rows exactly as one trained on the same rows in memory (parallel cursors would change the order in
/// which means are summed and rows are cached, and with it the model).
/// </summary>
public sealed class SequentialDataView(IDataView inner) : IDataView
{
    public bool CanShuffle => false;

    public DataViewSchema Schema => inner.Schema;

    public long? GetRowCount() => inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        inner.GetRowCursor(columnsNeeded);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [inner.GetRowCursor(columnsNeeded)];
}
