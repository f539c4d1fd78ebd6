using Microsoft.ML.Data;

namespace AiMaas.Benchmarks;

/// <summary>The typed input a <c>PredictionEngine</c> needs; AiMaas itself scores schema-typed data views instead.</summary>
public sealed class EngineInput
{
    [ColumnName("f0")] public float F0 { get; set; }
    [ColumnName("f1")] public float F1 { get; set; }
    [ColumnName("f2")] public float F2 { get; set; }
    [ColumnName("f3")] public float F3 { get; set; }
    [ColumnName("f4")] public float F4 { get; set; }
    [ColumnName("f5")] public float F5 { get; set; }
    [ColumnName("f6")] public float F6 { get; set; }
    [ColumnName("f7")] public float F7 { get; set; }
    [ColumnName("f8")] public float F8 { get; set; }
    [ColumnName("f9")] public float F9 { get; set; }

    public static EngineInput From(float[] row) => new()
    {
        F0 = row[0], F1 = row[1], F2 = row[2], F3 = row[3], F4 = row[4],
        F5 = row[5], F6 = row[6], F7 = row[7], F8 = row[8], F9 = row[9],
    };
}

public sealed class EngineOutput
{
    public float Score { get; set; }
}
