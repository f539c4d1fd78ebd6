using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace AiMaas.Core.Datasets.Parquet;

/// <summary>
/// One column of one row group, kept in its Parquet type (not as strings) until a row asks for a value: numbers as
/// invariant round-trippable text, booleans as <c>true</c>/<c>false</c>, dates as ISO 8601, null as missing.
/// </summary>
internal abstract class ParquetColumn
{
    public abstract string Format(int row);

    /// <summary>The column kind a Parquet type trains as, or null when the type is not supported.</summary>
    public static ColumnKind? KindOf(DataField field)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        return IsNumber(type) ? ColumnKind.Number
            : IsText(type) ? ColumnKind.Text
            : type == typeof(string) || type == typeof(bool) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly)
                || type == typeof(TimeOnly) || type == typeof(TimeSpan) ? ColumnKind.Text
            : null;
    }

    public static async Task<ParquetColumn> ReadAsync(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (IsText(type))
        {
            var values = new string?[rows];
            await group.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return new TextColumn(values);
        }

        return type switch
        {
            _ when type == typeof(bool) => await BooleanColumn.LoadAsync(group, field, rows, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(double) => await ValueColumn<double>.LoadAsync(group, field, rows, null, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(float) => await ValueColumn<float>.LoadAsync(group, field, rows, null, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(decimal) => await ValueColumn<decimal>.LoadAsync(group, field, rows, null, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(long) => await ValueColumn<long>.LoadAsync(group, field, rows, null, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(int) => await ValueColumn<int>.LoadAsync(group, field, rows, null, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(short) => await ValueColumn<short>.LoadAsync(group, field, rows, null, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(sbyte) => await ValueColumn<sbyte>.LoadAsync(group, field, rows, null, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(ulong) => await ValueColumn<ulong>.LoadAsync(group, field, rows, null, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(uint) => await ValueColumn<uint>.LoadAsync(group, field, rows, null, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(ushort) => await ValueColumn<ushort>.LoadAsync(group, field, rows, null, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(byte) => await ValueColumn<byte>.LoadAsync(group, field, rows, null, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(DateTime) => await ValueColumn<DateTime>.LoadAsync(group, field, rows, "O", cancellationToken).ConfigureAwait(false),
            _ when type == typeof(DateTimeOffset) => await ValueColumn<DateTimeOffset>.LoadAsync(group, field, rows, "O", cancellationToken).ConfigureAwait(false),
            _ when type == typeof(DateOnly) => await ValueColumn<DateOnly>.LoadAsync(group, field, rows, "O", cancellationToken).ConfigureAwait(false),
            _ when type == typeof(TimeOnly) => await ValueColumn<TimeOnly>.LoadAsync(group, field, rows, "O", cancellationToken).ConfigureAwait(false),
            _ when type == typeof(TimeSpan) => await ValueColumn<TimeSpan>.LoadAsync(group, field, rows, "c", cancellationToken).ConfigureAwait(false),
            _ => throw new ProblemException(Problem.Invalid($"Column '{field.Name}' has Parquet values of type {type.Name}; expected numbers, text, booleans or dates.")),
        };
    }

    // Parquet.Net describes UTF-8 columns as ReadOnlyMemory<char> in its schema and reads them as strings.
    private static bool IsText(Type t) => t == typeof(string) || t == typeof(ReadOnlyMemory<char>);

    private static bool IsNumber(Type t) =>
        t == typeof(double) || t == typeof(float) || t == typeof(decimal) || t == typeof(long) || t == typeof(int) || t == typeof(short)
        || t == typeof(sbyte) || t == typeof(ulong) || t == typeof(uint) || t == typeof(ushort) || t == typeof(byte);

    /// <summary>The column's values, null where missing; a required column is read as such (read into nullable memory it comes back wrong).</summary>
    private static async Task<T?[]> ReadNullableAsync<T>(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
        where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = new T?[rows];
            await group.ReadAsync(field, nullable.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return nullable;
        }

        var values = new T[rows];
        await group.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        return Array.ConvertAll(values, v => (T?)v);
    }

    private sealed class TextColumn(string?[] values) : ParquetColumn
    {
        public override string Format(int row) => values[row] ?? "";
    }

    private sealed class BooleanColumn(bool?[] values) : ParquetColumn
    {
        public static async Task<ParquetColumn> LoadAsync(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
        {
            return new BooleanColumn(await ReadNullableAsync<bool>(group, field, rows, cancellationToken).ConfigureAwait(false));
        }

        public override string Format(int row) => values[row] switch
        {
            true => "true",
            false => "false",
            null => "",
        };
    }

    private sealed class ValueColumn<T>(T?[] values, string? format) : ParquetColumn
        where T : struct, IFormattable
    {
        public static async Task<ParquetColumn> LoadAsync(ParquetRowGroupReader group, DataField field, int rows, string? format, CancellationToken cancellationToken)
        {
            return new ValueColumn<T>(await ReadNullableAsync<T>(group, field, rows, cancellationToken).ConfigureAwait(false), format);
        }

        // .NET's default number formatting is the shortest text that reads back as the same value.
        public override string Format(int row) => values[row] is { } value ? value.ToString(format, CultureInfo.InvariantCulture) : "";
    }
}
