using System.Text.Json;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Training;
using Microsoft.ML;

namespace AiMaas.Core.Tests.Support;

/// <summary>Loads a trained model the way the serving side does and scores JSON instances with it, without storage.</summary>
internal static class ModelServing
{
    public static (ITransformer Transformer, DataViewSchema InputSchema) Load(TrainedModel model)
    {
        var transformer = new MLContext().Model.Load(new MemoryStream(model.Zip, writable: false), out var inputSchema);
        return (transformer, inputSchema);
    }

    public static ModelManifest Manifest(TrainedModel model) => TrainedManifest.Create(
        "test-model", 1, "label", model, new DatasetReference("test.csv", new string('0', 64), model.Split.TrainRows + model.Split.TestRows), DateTimeOffset.UnixEpoch, "test");

    /// <summary>Reads <paramref name="json"/> against the model's input schema and scores it; fails the test if the instances are rejected.</summary>
    public static IReadOnlyList<object> Predict(TrainedModel model, string json)
    {
        var (transformer, schema) = Load(model);
        using var document = JsonDocument.Parse(json);
        var input = InstanceReader.Read(document.RootElement, schema, maxInstances: 1000);
        Assert.IsNull(input.Problem, input.Problem?.Detail);
        var rows = (int)input.Value!.GetRowCount()!.Value;
        return OutputReader.Read(transformer.Transform(input.Value), Manifest(model), rows);
    }
}
