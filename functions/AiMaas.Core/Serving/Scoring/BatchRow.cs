using AiMaas.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Serving.Scoring;

/// <summary>
/// A movable input row over the columns of a <see cref="TabularDataView"/>: the engine binds a batch, moves to a row and
/// reads the mapper's output getters. <see cref="Position"/> grows on every move, because ML.NET's getters cache their
/// value per position.
/// </summary>
internal sealed class BatchRow(DataViewSchema schema) : DataViewRow
{
    private IReadOnlyList<Array> _columns = [];
    private int _row;
    private long _position = -1;

    public override DataViewSchema Schema { get; } = schema;

    public override long Position => _position;

    public override long Batch => 0;

    public void Bind(TabularDataView batch) => _columns = batch.Columns;

    public void MoveTo(int row)
    {
        _row = row;
        _position++;
    }

    public void Unbind() => _columns = [];

    public override bool IsColumnActive(DataViewSchema.Column column) => true;

    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        var index = column.Index;
        if (column.Type.RawType != typeof(TValue))
        {
            throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }

        return (ref TValue value) => value = ((TValue[])_columns[index])[_row];
    }
}
