using System.Net;
using AiMaas.Core.Training;
using AiMaas.Core.Training.Trainers;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Fidelity;

namespace AiMaas.IntegrationTests;

/// <summary>
/// Differential fidelity through the running app: every trainer and task the platform offers (enumerated), trained on
/// every data regime through the real queue path, answers on every serving route (the AiMaas API one row at a time and
/// in a batch that takes the parallel path, versioned and alias routes, KServe V1, Open Inference V2 with shapes [n]
/// and [n, 1]) exactly what ML.NET's own <c>Transform</c> of the stored model.zip answers for the same rows.
/// </summary>
[TestClass]
public sealed class ServingFidelityTests
{
    // More rows than the default ParallelBatchThreshold (2048), so that the batch is scored in parallel chunks.
    private const int BatchRows = 2300;
    private const int RouteRows = 250;
    private const int SingleRows = 8;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    public static IEnumerable<object[]> Cases =>
        from trainer in Enum.GetValues<TrainerKind>()
        from task in Enum.GetValues<TaskKind>()
        where TrainerCatalog.Supports(trainer, task)
        from regime in Enum.GetValues<FidelityRegime>()
        select new object[] { trainer, task, regime };

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task EveryRoute_TrainedModel_AnswersWhatMLNetAnswers(TrainerKind trainer, TaskKind task, FidelityRegime regime)
    {
        var model = Platform.UniqueName("fidelity");
        var dataset = $"fidelity/{model}.csv";
        await Api.PutDatasetAsync(dataset, FidelityDatasets.TrainingCsv(regime, task), Token);
        var job = await Api.TrainAsync(model, new { dataset, label = FidelityDatasets.Label, task = Name(task), trainer = Name(trainer) }, Token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);

        await AssertEveryRouteAgreesAsync(model, job.Version!.Value, task, regime);
    }

    [TestMethod]
    [DataRow(TaskKind.Regression)]
    [DataRow(TaskKind.Binary)]
    public async Task EveryRoute_UploadedPipelineThePlatformDidNotMake_AnswersWhatMLNetAnswers(TaskKind task)
    {
        var model = Platform.UniqueName("fidelity-upload");
        var zip = ForeignPipelines.Train(FidelityDatasets.TrainingCsv(FidelityRegime.Mixed, task), task);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(zip), "model", "model.zip");
        form.Add(new StringContent($$"""{"task":"{{Name(task)}}","promote":"always"}""", System.Text.Encoding.UTF8, "application/json"), "metadata");
        using var response = await Platform.Client.PostAsync(new Uri($"api/models/{model}/versions", UriKind.Relative), form, Token);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync(Token));

        await AssertEveryRouteAgreesAsync(model, 1, task, FidelityRegime.Mixed);
    }

    private async Task AssertEveryRouteAgreesAsync(string model, int version, TaskKind task, FidelityRegime regime)
    {
        var rows = FidelityDatasets.PredictionRows(regime, BatchRows);
        var zip = (await Platform.Container("models").GetBlobClient($"{model}/{version}/model.zip").DownloadContentAsync(Token)).Value.Content.ToArray();
        var expected = ReferenceScorer.Score(zip, rows);
        var some = rows.Take(RouteRows).ToArray();
        var someExpected = expected.Take(RouteRows).ToArray();

        Fidelity.AssertAgree("/api predict, parallel batch", expected, await PredictAsync($"api/models/{model}/predict", rows));
        for (var i = 0; i < SingleRows; i++)
        {
            Fidelity.AssertAgree($"/api predict, row {i} alone", [expected[i]], await PredictAsync($"api/models/{model}/predict", [rows[i]]));
        }

        Fidelity.AssertAgree("/api versions predict", someExpected, await PredictAsync($"api/models/{model}/versions/{version}/predict", some));
        Fidelity.AssertAgree("/api aliases predict", someExpected, await PredictAsync($"api/models/{model}/aliases/current/predict", some));
        Fidelity.AssertAgree("KServe V1 predict", someExpected, await PredictAsync($"v1/models/{model}:predict", some));
        Fidelity.AssertAgree("V2 infer, shape [n]", someExpected, await InferAsync($"v2/models/{model}/infer", some, task, column: false));
        Fidelity.AssertAgree("V2 infer, shape [n, 1]", someExpected, await InferAsync($"v2/models/{model}/versions/{version}/infer", some, task, column: true));
    }

    private async Task<IReadOnlyList<ReferenceOutput>> PredictAsync(string path, IReadOnlyList<FidelityRow> rows)
    {
        var (status, body) = await Api.PostAsync(path, FidelityRequests.Instances(rows), Token);
        Assert.AreEqual(HttpStatusCode.OK, status, $"{path}: {body}");
        return ServedOutputs.FromPredictions(body);
    }

    private async Task<IReadOnlyList<ReferenceOutput>> InferAsync(string path, FidelityRow[] rows, TaskKind task, bool column)
    {
        var (status, body) = await Api.PostAsync(path, FidelityRequests.Tensors(rows, column), Token);
        Assert.AreEqual(HttpStatusCode.OK, status, $"{path}: {body}");
        return ServedOutputs.FromTensors(body, task, rows.Length);
    }

    private static string Name<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
