using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Training.Sources;

/// <summary>
/// A data view's rows spooled to a temporary file as raw columns, in blocks of <see cref="BlockRows"/> rows: numbers and
/// flags as their bytes, text as an index into the distinct values (held in memory). Every pass training makes reads it
/// back without parsing or decompressing: ML.NET's own binary format deflates each block, and inflating it again was the
/// largest cost of each of the half-dozen passes a training makes over a large file.
/// </summary>
internal static class SpooledRows
{
    /// <summary>Rows per block: a block of 20 numeric columns is ~1.3 MB, read in one go.</summary>
    public const int BlockRows = 16_384;

    /// <summary>Reads <paramref name="rows"/> once into <paramref name="path"/>; the view reads that file, in the same order.</summary>
    public static SpooledRowsView Write(IDataView rows, string path)
    {
        var columns = rows.Schema.Select(c => Column.For(c)).ToArray();
        using var cursor = rows.GetRowCursor(rows.Schema);
        foreach (var column in columns)
        {
            column.Bind(cursor);
        }

        long count = 0;
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
        {
            var inBlock = 0;
            while (cursor.MoveNext())
            {
                foreach (var column in columns)
                {
                    column.Take(inBlock);
                }

                count++;
                if (++inBlock == BlockRows)
                {
                    WriteBlock(file, columns, inBlock);
                    inBlock = 0;
                }
            }

            if (inBlock > 0)
            {
                WriteBlock(file, columns, inBlock);
            }
        }

        return new SpooledRowsView(rows.Schema, path, count, columns.Select(c => c.Values).ToArray());
    }

    /// <summary>The bytes a value of <paramref name="type"/> takes in the file (text: its index).</summary>
    public static int BytesPerValue(DataViewType type) => type switch
    {
        BooleanDataViewType => 1,
        _ when type.RawType == typeof(double) => 8,
        _ => 4,
    };

    /// <summary>An array for one block of a column of <paramref name="type"/>, as the file stores it (text: indexes), to read into.</summary>
    public static Array NewBlock(DataViewType type) => type switch
    {
        TextDataViewType => new int[BlockRows],
        BooleanDataViewType => new bool[BlockRows],
        _ when type.RawType == typeof(double) => new double[BlockRows],
        _ => new float[BlockRows],
    };

    private static void WriteBlock(FileStream file, Column[] columns, int rows)
    {
        foreach (var column in columns)
        {
            column.Write(file, rows);
        }
    }

    /// <summary>One column's values for the block being written.</summary>
    private abstract class Column(DataViewSchema.Column column)
    {
        protected DataViewSchema.Column Source => column;

        /// <summary>The distinct text values by index (text columns), else null.</summary>
        public virtual IReadOnlyList<ReadOnlyMemory<char>>? Values => null;

        public static Column For(DataViewSchema.Column column) => column.Type switch
        {
            NumberDataViewType t when t.RawType == typeof(float) => new Raw<float>(column),
            NumberDataViewType t when t.RawType == typeof(double) => new Raw<double>(column),
            BooleanDataViewType => new Raw<bool>(column),
            TextDataViewType => new Text(column),
            _ => throw new NotSupportedException($"Column '{column.Name}' of type {column.Type} cannot be spooled."),
        };

        public abstract void Bind(DataViewRowCursor cursor);

        public abstract void Take(int row);

        public abstract void Write(Stream file, int rows);
    }

    private sealed class Raw<T>(DataViewSchema.Column column) : Column(column)
        where T : unmanaged
    {
        private readonly T[] _block = new T[BlockRows];
        private ValueGetter<T> _getter = null!;

        public override void Bind(DataViewRowCursor cursor) => _getter = cursor.GetGetter<T>(Source);

        public override void Take(int row) => _getter(ref _block[row]);

        public override void Write(Stream file, int rows) => file.Write(MemoryMarshal.AsBytes(_block.AsSpan(0, rows)));
    }

    private sealed class Text(DataViewSchema.Column column) : Column(column)
    {
        private readonly int[] _block = new int[BlockRows];
        private readonly List<ReadOnlyMemory<char>> _values = [ReadOnlyMemory<char>.Empty];
        private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
        private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private ValueGetter<ReadOnlyMemory<char>> _getter = null!;
        private ReadOnlyMemory<char> _value;

        public override IReadOnlyList<ReadOnlyMemory<char>> Values => _values;

        public override void Bind(DataViewRowCursor cursor)
        {
            _getter = cursor.GetGetter<ReadOnlyMemory<char>>(Source);
            _lookup = _indexes.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public override void Take(int row)
        {
            _getter(ref _value);
            _block[row] = _value.IsEmpty ? 0 : IndexOf(_value.Span);
        }

        public override void Write(Stream file, int rows) => file.Write(MemoryMarshal.AsBytes(_block.AsSpan(0, rows)));

        private int IndexOf(ReadOnlySpan<char> value)
        {
            if (!_lookup.TryGetValue(value, out var index))
            {
                var text = value.ToString();
                index = _values.Count;
                _indexes.Add(text, index);
                _values.Add(text.AsMemory());
            }

            return index;
        }
    }
}
