using AiMaas.Core.Data;
using AiMaas.Core.Training.Sources;
using Microsoft.ML.Data;

namespace AiMaas.Core.Tests.Training;

/// <summary>The spooled copy of a dataset's rows reads back exactly the rows it was written from, in order.</summary>
[TestClass]
public sealed class SpooledRowsTests
{
    // More than two blocks, the last one partial.
    private const int Rows = (2 * SpooledRows.BlockRows) + 123;

    [TestMethod]
    public void Write_EveryColumnType_ReadsBackTheSameRowsInOrder()
    {
        var source = Source();
        var path = Path.GetTempFileName();
        try
        {
            var spooled = SpooledRows.Write(source, path);

            Assert.AreEqual((long)Rows, spooled.GetRowCount());
            CollectionAssert.AreEqual(source.GetColumn<float>("x").ToArray(), spooled.GetColumn<float>("x").ToArray());
            CollectionAssert.AreEqual(
                source.GetColumn<ReadOnlyMemory<char>>("city").Select(c => c.ToString()).ToArray(),
                spooled.GetColumn<ReadOnlyMemory<char>>("city").Select(c => c.ToString()).ToArray());
            CollectionAssert.AreEqual(source.GetColumn<bool>("flag").ToArray(), spooled.GetColumn<bool>("flag").ToArray());
            CollectionAssert.AreEqual(source.GetColumn<double>("row").ToArray(), spooled.GetColumn<double>("row").ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void GetRowCursor_SomeColumns_ReadsThoseAndSkipsTheOthers()
    {
        var path = Path.GetTempFileName();
        try
        {
            var spooled = SpooledRows.Write(Source(), path);
            var row = spooled.Schema["row"];
            using var cursor = spooled.GetRowCursor([row]);
            var getter = cursor.GetGetter<double>(row);

            double value = 0;
            var read = new List<double>();
            while (cursor.MoveNext())
            {
                getter(ref value);
                read.Add(value);
            }

            Assert.IsFalse(cursor.IsColumnActive(spooled.Schema["x"]));
            CollectionAssert.AreEqual(Enumerable.Range(0, Rows).Select(i => (double)i).ToArray(), read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static TabularDataView Source()
    {
        string[] cities = ["Paris", "", "Lyon", "Köln, \"centre\""];
        var schema = TabularDataView.CreateSchema(
            [("x", NumberDataViewType.Single), ("city", TextDataViewType.Instance), ("flag", BooleanDataViewType.Instance), ("row", NumberDataViewType.Double)]);
        Array[] columns =
        [
            Enumerable.Range(0, Rows).Select(i => i % 17 == 0 ? float.NaN : (i * 0.37f) - 1000f).ToArray(),
            Enumerable.Range(0, Rows).Select(i => cities[i * 7 % cities.Length].AsMemory()).ToArray(),
            Enumerable.Range(0, Rows).Select(i => i % 3 == 0).ToArray(),
            Enumerable.Range(0, Rows).Select(i => (double)i).ToArray(),
        ];
        return new TabularDataView(schema, columns, Rows);
    }
}
