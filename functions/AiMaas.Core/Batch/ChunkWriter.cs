using System.Buffers;
using AiMaas.Core.Serving.Scoring;

namespace AiMaas.Core.Batch;

/// <summary>Renders a scored chunk as CSV lines in UTF-8: the kept columns, then the prediction columns of the task.</summary>
internal static class ChunkWriter
{
    public static void Write(IBufferWriter<byte> csv, ScoredBatch scored, string?[] kept, int keepCount, int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            for (var k = 0; k < keepCount; k++)
            {
                CsvCells.WriteText(csv, kept[(i * keepCount) + k]);
                Write(csv, (byte)',');
            }

            switch (scored.Task)
            {
                case TaskKind.Regression:
                    CsvCells.WriteNumber(csv, scored.Scores![i]);
                    break;
                case TaskKind.Binary:
                    csv.Write(scored.BinaryLabels![i] ? "true,"u8 : "false,"u8);
                    CsvCells.WriteNumber(csv, scored.Probabilities![i]);
                    Write(csv, (byte)',');
                    CsvCells.WriteNumber(csv, scored.Scores![i]);
                    break;
                default:
                    CsvCells.WriteText(csv, scored.ClassLabels![i]);
                    for (var c = 0; c < scored.ClassCount; c++)
                    {
                        Write(csv, (byte)',');
                        CsvCells.WriteNumber(csv, scored.Probabilities![(i * scored.ClassCount) + c]);
                    }

                    break;
            }

            Write(csv, (byte)'\n');
        }
    }

    private static void Write(IBufferWriter<byte> csv, byte value)
    {
        csv.GetSpan(1)[0] = value;
        csv.Advance(1);
    }
}
