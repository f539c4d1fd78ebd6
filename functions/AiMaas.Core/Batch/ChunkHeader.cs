using System.Text;
using AiMaas.Core.Registry;

namespace AiMaas.Core.Batch;

/// <summary>The header line of <c>predictions.csv</c>: the kept columns, then the prediction columns of the model's task.</summary>
internal static class ChunkHeader
{
    public static byte[] Build(ModelManifest manifest, IReadOnlyList<string> keepColumns)
    {
        var header = new StringBuilder();
        foreach (var column in keepColumns)
        {
            CsvCells.AppendText(header, column);
            header.Append(',');
        }

        switch (manifest.Task)
        {
            case TaskKind.Regression:
                header.Append("score");
                break;
            case TaskKind.Binary:
                header.Append("label,probability,score");
                break;
            default:
                header.Append("label");
                foreach (var name in manifest.Classes ?? [])
                {
                    header.Append(',');
                    CsvCells.AppendText(header, "probability_" + name);
                }

                break;
        }

        return Encoding.UTF8.GetBytes(header.Append('\n').ToString());
    }
}
