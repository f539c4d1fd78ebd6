using System.Globalization;
using AiMaas.Core.Datasets;
using Parquet;
using Parquet.Schema;

namespace AiMaas.Core.Tests.Support;

/// <summary>Writes Parquet files the way a data tool would: typed columns, nullable, in several row groups.</summary>
internal static class ParquetFiles
{
    /// <summary>The CSV's columns as Parquet: a column whose values all parse as numbers is a nullable double, otherwise nullable text; missing values are null.</summary>
    public static async Task WriteAsync(CsvTable table, string path, int rowsPerGroup)
    {
        var numeric = Enumerable.Range(0, table.Headers.Count)
            .Select(c => table.Rows.All(r => ColumnTypeInference.IsMissing(r[c]) || ColumnTypeInference.TryParseNumber(r[c], out _)))
            .ToArray();
        var fields = table.Headers.Select((h, c) => numeric[c] ? (DataField)new DataField<double?>(h) : new DataField<string>(h)).ToArray();
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                foreach (var chunk in table.Rows.Chunk(rowsPerGroup))
                {
                    using var group = writer.CreateRowGroup();
                    for (var c = 0; c < fields.Length; c++)
                    {
                        var column = chunk.Select(r => ColumnTypeInference.IsMissing(r[c]) ? null : r[c]).ToArray();
                        if (numeric[c])
                        {
                            // The value as the CSV path reads it (a float), so both paths train on the same numbers.
                            var numbers = column.Select(v => v is null ? (double?)null : float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                            await group.WriteAsync<double>(fields[c], numbers.AsMemory()).ConfigureAwait(false);
                        }
                        else
                        {
                            await group.WriteAsync(fields[c], column).ConfigureAwait(false);
                        }
                    }
                }
            }
        }
    }
}
