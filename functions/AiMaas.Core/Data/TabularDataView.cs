using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Data;

/// <summary>
/// An ML.NET <see cref="IDataView"/> over column arrays whose schema is only known at run time
/// (columns come from a CSV header or a stored model's input schema, not from a C# type).
/// Column arrays are <c>float[]</c>, <c>bool[]</c> or <c>ReadOnlyMemory&lt;char&gt;[]</c> matching the schema's types.
/// </summary>
public sealed class TabularDataView : IDataView
{
    private readonly Array[] _columns;
    private readonly int _rowCount;

    public TabularDataView(DataViewSchema schema, Array[] columns, int rowCount)
    {
        if (columns.Length != schema.Count)
        {
            throw new ArgumentException($"Expected {schema.Count} columns, got {columns.Length}.", nameof(columns));
        }

        Schema = schema;
        _columns = columns;
        _rowCount = rowCount;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    /// <summary>The column arrays, one per schema column, in schema order.</summary>
    public IReadOnlyList<Array> Columns => _columns;

    public int RowCount => _rowCount;

    public static DataViewSchema CreateSchema(IEnumerable<(string Name, DataViewType Type)> columns)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var (name, type) in columns)
        {
            builder.AddColumn(name, type);
        }

        return builder.ToSchema();
    }

    public long? GetRowCount() => _rowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(TabularDataView view) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override bool MoveNext()
        {
            if (_position + 1 >= view._rowCount)
            {
                return false;
            }

            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (view._columns[column.Index] is not TValue[] values)
            {
                throw new InvalidOperationException(
                    $"Column '{column.Name}' holds {view._columns[column.Index].GetType().Name}, not {typeof(TValue).Name}[].");
            }

            return (ref TValue value) => value = values[_position];
        }
    }
}
