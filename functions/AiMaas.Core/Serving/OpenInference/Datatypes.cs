using Microsoft.ML.Data;

namespace AiMaas.Core.Serving.OpenInference;

/// <summary>Open Inference Protocol tensor data types, and how model features map to them.</summary>
internal static class Datatypes
{
    public const string Bool = "BOOL";
    public const string Fp32 = "FP32";
    public const string Bytes = "BYTES";

    private static readonly HashSet<string> Numeric = new(StringComparer.Ordinal)
    {
        "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", Fp32, "FP64",
    };

    public static bool IsKnown(string datatype) => datatype is Bool or Bytes || Numeric.Contains(datatype);

    public static bool IsNumeric(string datatype) => Numeric.Contains(datatype);

    /// <summary>FP32 for number features, BYTES for text features.</summary>
    public static string For(ColumnKind kind) => kind == ColumnKind.Number ? Fp32 : Bytes;

    public static string For(DataViewType type) => type is TextDataViewType ? Bytes : Fp32;
}
