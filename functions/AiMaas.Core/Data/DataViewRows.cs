using Microsoft.ML;

namespace AiMaas.Core.Data;

/// <summary>Counts the rows of a data view by reading them, for views (filters, splits) that do not know their count.</summary>
public static class DataViewRows
{
    public static int Count(IDataView data)
    {
        var count = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext())
        {
            count++;
        }

        return count;
    }
}
