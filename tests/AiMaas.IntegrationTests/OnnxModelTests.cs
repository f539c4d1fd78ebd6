using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Onnx;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace AiMaas.IntegrationTests;

/// <summary>ONNX models through the running app: upload, Open Inference V2 tensors, named features on /api and KServe V1, export, lifecycle, the cache.</summary>
[TestClass]
public sealed class OnnxModelTests
{
    private const string IrisMetadata = """
        {"format":"onnx","task":"multiclass","label":"species","output":"probabilities",
         "features":["sepal_length","sepal_width","petal_length","petal_width"],"classes":["setosa","versicolor","virginica"]}
        """;

    private static readonly float[] Rows = [5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3.0f, 5.2f, 2.3f, -1f, 0f, 2.5f, -3.75f];

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task Upload_Mlp_V2MetadataListsTheGraphsTensors()
    {
        var model = Platform.UniqueName("onnx");

        var (status, manifest) = await UploadAsync(model, OnnxGraphs.Mlp(producer: "pytorch"), IrisMetadata);

        Assert.AreEqual(HttpStatusCode.Created, status, manifest.ToString());
        Assert.AreEqual("onnx", manifest.GetProperty("format").GetString());
        Assert.AreEqual(13, manifest.GetProperty("onnx").GetProperty("opset").GetInt64());
        Assert.AreEqual("pytorch", manifest.GetProperty("onnx").GetProperty("producer").GetString());
        StringAssert.EndsWith(manifest.GetProperty("artifact").GetProperty("path").GetString(), "/1/model.onnx");
        var (metaStatus, metadata) = await Api.GetAsync($"v2/models/{model}/versions/1", Token);
        Assert.AreEqual(HttpStatusCode.OK, metaStatus, metadata.ToString());
        Assert.AreEqual("onnxruntime_onnx", metadata.GetProperty("platform").GetString());
        var input = metadata.GetProperty("inputs")[0];
        Assert.AreEqual("X", input.GetProperty("name").GetString());
        Assert.AreEqual("FP32", input.GetProperty("datatype").GetString());
        Assert.AreEqual("[-1,4]", input.GetProperty("shape").GetRawText());
        Assert.AreEqual(2, metadata.GetProperty("outputs").GetArrayLength());
    }

    [TestMethod]
    public async Task Infer_BatchOfRows_AnswersEveryOutputAsComputedByHand()
    {
        var model = await UploadIrisAsync();
        var body = $$"""{"id":"r1","inputs":[{"name":"X","shape":[3,4],"datatype":"FP32","data":[{{Join(Rows)}}]}]}""";

        var (status, response) = await Api.PostAsync($"v2/models/{model}/versions/1/infer", body, Token);

        Assert.AreEqual(HttpStatusCode.OK, status, response.ToString());
        Assert.AreEqual("r1", response.GetProperty("id").GetString());
        var (logits, probabilities) = OnnxGraphs.MlpByHand(Rows, 3);
        var outputs = response.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        AssertClose(logits, outputs["logits"]);
        AssertClose(probabilities, outputs["probabilities"]);
        Assert.AreEqual("[3,3]", outputs["probabilities"].GetProperty("shape").GetRawText());
    }

    [TestMethod]
    public async Task Infer_BinaryTensorData_AnswersTheSameValuesAsRawBytes()
    {
        var model = await UploadIrisAsync(promote: true);
        var header = System.Text.Encoding.UTF8.GetBytes(
            $$$"""{"id":"b1","inputs":[{"name":"X","shape":[3,4],"datatype":"FP32","parameters":{"binary_data_size":{{{Rows.Length * 4}}}}}],"outputs":[{"name":"probabilities","parameters":{"binary_data":true}},{"name":"logits"}]}""");
        using var content = new ByteArrayContent([.. header, .. System.Runtime.InteropServices.MemoryMarshal.AsBytes(Rows.AsSpan())]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.Add("Inference-Header-Content-Length", header.Length.ToString(CultureInfo.InvariantCulture));

        // The unversioned route: the first uploaded version is promoted to current.
        using var response = await Platform.Client.PostAsync(new Uri($"v2/models/{model}/infer", UriKind.Relative), content, Token);

        var bytes = await response.Content.ReadAsByteArrayAsync(Token);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, System.Text.Encoding.UTF8.GetString(bytes));
        var jsonLength = int.Parse(response.Headers.GetValues("Inference-Header-Content-Length").Single(), CultureInfo.InvariantCulture);
        using var json = JsonDocument.Parse(bytes.AsMemory(0, jsonLength));
        var outputs = json.RootElement.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        var (logits, probabilities) = OnnxGraphs.MlpByHand(Rows, 3);
        Assert.AreEqual("b1", json.RootElement.GetProperty("id").GetString());
        Assert.AreEqual(36, outputs["probabilities"].GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
        AssertClose(logits, outputs["logits"]);
        var binary = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan(jsonLength)).ToArray();
        Assert.AreEqual(probabilities.Length, binary.Length);
        for (var i = 0; i < binary.Length; i++)
        {
            Assert.AreEqual(probabilities[i], binary[i], 1e-5, $"value {i}");
        }
    }

    [TestMethod]
    public async Task Infer_BinarySizeThatDoesNotMatchTheShape_Returns400NamingTheInput()
    {
        var model = await UploadIrisAsync();
        var header = System.Text.Encoding.UTF8.GetBytes("""{"inputs":[{"name":"X","shape":[3,4],"datatype":"FP32","parameters":{"binary_data_size":8}}]}""");
        using var content = new ByteArrayContent([.. header, .. new byte[8]]);
        content.Headers.Add("Inference-Header-Content-Length", header.Length.ToString(CultureInfo.InvariantCulture));

        using var response = await Platform.Client.PostAsync(new Uri($"v2/models/{model}/versions/1/infer", UriKind.Relative), content, Token);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(Token), "input 'X': binary_data_size is 8 bytes");
    }

    [TestMethod]
    public async Task Infer_OutputsAskedFor_AnswersOnlyThose()
    {
        var model = await UploadIrisAsync();
        var body = $$"""{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[[1,2,3,4]]}],"outputs":[{"name":"probabilities"}]}""";

        var (status, response) = await Api.PostAsync($"v2/models/{model}/versions/1/infer", body, Token);

        Assert.AreEqual(HttpStatusCode.OK, status, response.ToString());
        Assert.AreEqual("probabilities", response.GetProperty("outputs").EnumerateArray().Single().GetProperty("name").GetString());
    }

    [TestMethod]
    public async Task Infer_WrongShape_Returns400NamingTheInputAndExpectedShape()
    {
        var model = await UploadIrisAsync();
        var body = """{"inputs":[{"name":"X","shape":[2,3],"datatype":"FP32","data":[1,2,3,4,5,6]}]}""";

        var (status, problem) = await Api.PostAsync($"v2/models/{model}/versions/1/infer", body, Token);

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        StringAssert.Contains(problem.GetProperty("error").GetString(), "'X' FP32 of shape [-1, 4]", problem.ToString());
    }

    [TestMethod]
    public async Task Predict_NamedFeatures_AnswersLabelAndProbabilities_OnApiAndKServeV1()
    {
        var model = await UploadIrisAsync(promote: true);
        var (_, probabilities) = OnnxGraphs.MlpByHand(Rows[..4], 1);
        var expected = new[] { "setosa", "versicolor", "virginica" }[Enumerable.Range(0, 3).MaxBy(c => probabilities[c])];

        var (status, prediction) = await Api.PostAsync(
            $"api/models/{model}/predict", """{"instances":[{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}]}""", Token);
        var (v1Status, v1) = await Api.PostAsync($"v1/models/{model}:predict", """{"instances":[[5.1,3.5,1.4,0.2]]}""", Token);

        Assert.AreEqual(HttpStatusCode.OK, status, prediction.ToString());
        var first = prediction.GetProperty("predictions")[0];
        Assert.AreEqual(expected, first.GetProperty("label").GetString());
        Assert.AreEqual(probabilities[1], first.GetProperty("probabilities").GetProperty("versicolor").GetSingle(), 1e-5);
        Assert.AreEqual(HttpStatusCode.OK, v1Status, v1.ToString());
        Assert.AreEqual(expected, v1.GetProperty("predictions")[0].GetProperty("label").GetString());
    }

    [TestMethod]
    public async Task Predict_TensorOnlyModel_Returns409PointingToV2()
    {
        var model = Platform.UniqueName("onnx");
        using var content = new ByteArrayContent(OnnxGraphs.Mlp());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var upload = await Platform.Client.PostAsync(new Uri($"api/models/{model}/versions?format=onnx", UriKind.Relative), content, Token);
        Assert.AreEqual(HttpStatusCode.Created, upload.StatusCode, await upload.Content.ReadAsStringAsync(Token));

        var (status, problem) = await Api.PostAsync($"api/models/{model}/versions/1/predict", """{"instances":[{"a":1}]}""", Token);

        Assert.AreEqual(HttpStatusCode.Conflict, status, problem.ToString());
        StringAssert.Contains(problem.GetProperty("detail").GetString(), $"/v2/models/{model}/infer");
    }

    [TestMethod]
    public async Task Upload_RefusedGraphs_Return400SayingWhy()
    {
        var model = Platform.UniqueName("onnx");
        var mlp = OnnxGraphs.Mlp();

        var truncated = await UploadAsync(model, mlp[..(mlp.Length - 40)], IrisMetadata);
        var external = await UploadAsync(model, OnnxGraphs.Mlp(externalWeights: true), IrisMetadata);
        var unmappable = await UploadAsync(model, mlp, IrisMetadata.Replace("\"petal_width\"", "\"petal_width\",\"extra\"", StringComparison.Ordinal));

        Assert.AreEqual(HttpStatusCode.BadRequest, truncated.Status, truncated.Body.ToString());
        Assert.AreEqual(HttpStatusCode.BadRequest, external.Status);
        StringAssert.Contains(external.Body.GetProperty("detail").GetString(), "external data");
        Assert.AreEqual(HttpStatusCode.BadRequest, unmappable.Status);
        Assert.IsTrue(unmappable.Body.GetProperty("errors").TryGetProperty("metadata.features", out _), unmappable.Body.ToString());
        var (listed, _) = await Api.GetAsync($"api/models/{model}", Token);
        Assert.AreEqual(HttpStatusCode.NotFound, listed, "no refused upload became a version");
    }

    [TestMethod]
    public async Task Lifecycle_AliasAndDelete_WorkForOnnxVersions()
    {
        var model = await UploadIrisAsync();
        await UploadAsync(model, OnnxGraphs.Mlp(), IrisMetadata);

        var (aliasStatus, alias, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{model}/aliases/staging", """{"version":2}""", Token);
        var (inferStatus, _) = await Api.PostAsync(
            $"api/models/{model}/aliases/staging/predict", """{"instances":[{"sepal_length":1,"sepal_width":2,"petal_length":3,"petal_width":4}]}""", Token);
        using var deleted = await Platform.Client.DeleteAsync(new Uri($"api/models/{model}/versions/1", UriKind.Relative), Token);
        var (goneStatus, _) = await Api.GetAsync($"v2/models/{model}/versions/1", Token);

        Assert.AreEqual(HttpStatusCode.OK, aliasStatus, alias.ToString());
        Assert.AreEqual(HttpStatusCode.OK, inferStatus);
        Assert.AreEqual(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, goneStatus);
    }

    [TestMethod]
    public async Task Export_TrainedVersion_IsAnOnnxGraphThatOnnxRuntimeLoads()
    {
        var model = Platform.UniqueName("export");
        var job = await Api.TrainIrisAsync(model, Token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);

        using var response = await Platform.Client.GetAsync(new Uri($"api/models/{model}/versions/{job.Version}/onnx", UriKind.Relative), Token);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync(Token));
        using var session = new InferenceSession(await response.Content.ReadAsByteArrayAsync(Token));
        CollectionAssert.IsSubsetOf(new[] { "sepal_length", "petal_width" }, session.InputMetadata.Keys.ToArray());
    }

    [TestMethod]
    public async Task Cache_EvictingAnOnnxVersion_DisposesItsSession()
    {
        var model = await UploadIrisAsync();
        await UploadAsync(model, OnnxGraphs.Mlp(), IrisMetadata);
        var size = OnnxGraphs.Mlp().LongLength;
        var options = Options.Create(new ServingOptions { ModelCacheBudgetBytes = 1024 * 1024, ModelMemoryFactor = 1, ModelOverheadBytes = (1024 * 1024) - size });
        var cache = new ModelCache(new VersionLoader(Platform.Services.GetRequiredService<ModelRegistry>(), options, NullLogger<VersionLoader>.Instance), options, NullLogger<ModelCache>.Instance);

        var first = (await cache.GetAsync(new VersionKey(model, 1), Token)).Value;
        var second = (await cache.GetAsync(new VersionKey(model, 2), Token)).Value;

        Assert.IsTrue(first!.Onnx!.IsDisposed, "version 1 was evicted to admit version 2");
        Assert.IsFalse(second!.Onnx!.IsDisposed);
        Assert.AreEqual(1, cache.Evictions);
    }

    private async Task<string> UploadIrisAsync(bool promote = false)
    {
        var model = Platform.UniqueName("onnx");
        var (status, body) = await UploadAsync(model, OnnxGraphs.Mlp(), IrisMetadata.Replace("{", promote ? "{\"promote\":\"always\"," : "{\"promote\":\"never\",", StringComparison.Ordinal));
        Assert.AreEqual(HttpStatusCode.Created, status, body.ToString());
        return model;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(string model, byte[] onnx, string metadata)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(onnx);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "model", "model.onnx");
        form.Add(new StringContent(metadata, System.Text.Encoding.UTF8, "application/json"), "metadata");
        using var response = await Platform.Client.PostAsync(new Uri($"api/models/{model}/versions", UriKind.Relative), form, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Join(float[] values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private static void AssertClose(float[] expected, JsonElement tensor)
    {
        var actual = tensor.GetProperty("data").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        Assert.AreEqual(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i], actual[i], 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"value {i}");
        }
    }
}
