using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// Stands in for the ML.NET pipeline of an ONNX version, which has none: every use answers
/// <see cref="InvalidOperationException"/>, which callers that compare versions on ML.NET data treat as "cannot score these rows".
/// </summary>
internal sealed class OnnxGraphTransformer : ITransformer
{
    public static OnnxGraphTransformer Instance { get; } = new();

    public bool IsRowToRowMapper => false;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => throw NotMlNet();

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw NotMlNet();

    public IDataView Transform(IDataView input) => throw NotMlNet();

    void ICanSaveModel.Save(ModelSaveContext ctx) => throw NotMlNet();

    private static InvalidOperationException NotMlNet() => new("This version is an ONNX graph, not an ML.NET pipeline.");
}
