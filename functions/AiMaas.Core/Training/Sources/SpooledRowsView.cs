using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Training.Sources;

/// <summary>
/// The rows <see cref="SpooledRows.Write"/> put in a file, read back in order with one cursor (never shuffled, never
/// split across threads: a model trained on a file sees its rows exactly as one trained on them in memory). Each cursor
/// reads the file from the start, block by block, and only the columns it was asked for.
/// </summary>
internal sealed class SpooledRowsView : IDataView
{
    private readonly string _path;
    private readonly long _rows;
    private readonly IReadOnlyList<ReadOnlyMemory<char>>?[] _texts;

    /// <param name="schema">The spooled view's schema.</param>
    /// <param name="path">The file <see cref="SpooledRows.Write"/> wrote.</param>
    /// <param name="rows">The rows in it.</param>
    /// <param name="texts">Each text column's distinct values by index; null for the other columns.</param>
    public SpooledRowsView(DataViewSchema schema, string path, long rows, IReadOnlyList<ReadOnlyMemory<char>>?[] texts) =>
        (Schema, _path, _rows, _texts) = (schema, path, rows, texts);

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rows;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly SpooledRowsView _view;
        private readonly FileStream _file;
        private readonly Array?[] _blocks;
        private long _position = -1;
        private int _inBlock = SpooledRows.BlockRows - 1;
        private int _blockRows = SpooledRows.BlockRows;

        public Cursor(SpooledRowsView view, HashSet<int> active)
        {
            _view = view;
            _file = new FileStream(view._path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0);
            _blocks = view.Schema.Select(c => active.Contains(c.Index) ? SpooledRows.NewBlock(c.Type) : null).ToArray();
        }

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => _blocks[column.Index] is not null;

        public override bool MoveNext()
        {
            if (_position + 1 >= _view._rows)
            {
                return false;
            }

            _position++;
            if (++_inBlock == _blockRows)
            {
                ReadBlock();
            }

            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            Delegate getter = _blocks[column.Index] switch
            {
                float[] values => (ValueGetter<float>)((ref float value) => value = values[_inBlock]),
                double[] values => (ValueGetter<double>)((ref double value) => value = values[_inBlock]),
                bool[] values => (ValueGetter<bool>)((ref bool value) => value = values[_inBlock]),
                int[] indexes when _view._texts[column.Index] is { } texts =>
                    (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = texts[indexes[_inBlock]]),
                _ => throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor."),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _file.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>The next block's active columns into their arrays; the others are skipped.</summary>
        private void ReadBlock()
        {
            _blockRows = (int)Math.Min(SpooledRows.BlockRows, _view._rows - _position);
            _inBlock = 0;
            for (var c = 0; c < _blocks.Length; c++)
            {
                var bytes = _blockRows * SpooledRows.BytesPerValue(_view.Schema[c].Type);
                switch (_blocks[c])
                {
                    case null: _file.Seek(bytes, SeekOrigin.Current); break;
                    case float[] values: _file.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan(0, _blockRows))); break;
                    case double[] values: _file.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan(0, _blockRows))); break;
                    case bool[] values: _file.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan(0, _blockRows))); break;
                    case int[] values: _file.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan(0, _blockRows))); break;
                }
            }
        }
    }
}
