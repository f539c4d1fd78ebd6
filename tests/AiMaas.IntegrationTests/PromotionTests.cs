using System.Net;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests;

/// <summary>A new version becomes current only on evidence: it must beat the current version on the same held-out rows.</summary>
[TestClass]
public sealed class PromotionTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task IfBetter_CandidateBeatsCurrent_IsPromotedWithBothScoresRecorded()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("promo");
        var weak = await Api.TrainIrisAsync(model, token, csv: ShuffledLabels(SampleData.Read("iris.csv")));
        Assert.AreEqual(JobStatus.Succeeded, weak.Status, weak.Error);

        var strong = await Api.TrainIrisAsync(model, token);

        Assert.AreEqual(JobStatus.Succeeded, strong.Status, strong.Error);
        var promotion = strong.Promotion!;
        Assert.IsTrue(promotion.Promoted, promotion.Reason);
        Assert.AreEqual("macroAccuracy", promotion.Metric);
        Assert.AreEqual(1, promotion.CurrentVersion);
        Assert.IsTrue(promotion.CandidateScore > promotion.CurrentScore, promotion.Reason);
        var (_, details) = await Api.GetAsync($"api/models/{model}", token);
        Assert.AreEqual(2, details.GetProperty("currentVersion").GetInt32());
        var (_, manifest) = await Api.GetAsync($"api/models/{model}/versions/2", token);
        Assert.IsTrue(manifest.GetProperty("promotion").GetProperty("promoted").GetBoolean());
        Assert.AreEqual("if-better", manifest.GetProperty("promotion").GetProperty("policy").GetString());
        Assert.IsTrue(manifest.GetProperty("promotion").TryGetProperty("currentScore", out _));
    }

    [TestMethod]
    public async Task IfBetter_CandidateOnlyTiesCurrent_IsNotPromoted()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("promo");
        await Api.TrainIrisAsync(model, token);

        var retrained = await Api.TrainIrisAsync(model, token);

        Assert.AreEqual(JobStatus.Succeeded, retrained.Status, retrained.Error);
        Assert.IsFalse(retrained.Promotion!.Promoted, retrained.Promotion.Reason);
        Assert.AreEqual(retrained.Promotion.CurrentScore, retrained.Promotion.CandidateScore);
        var (_, details) = await Api.GetAsync($"api/models/{model}", token);
        Assert.AreEqual(1, details.GetProperty("currentVersion").GetInt32());
    }

    [TestMethod]
    public async Task Always_And_Never_AreObeyed()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("promo");
        await Api.TrainIrisAsync(model, token);

        var never = await Api.TrainIrisAsync(model, token, promote: "never", csv: ShuffledLabels(SampleData.Read("iris.csv")));
        var always = await Api.TrainIrisAsync(model, token, promote: "always", csv: ShuffledLabels(SampleData.Read("iris.csv")));

        Assert.IsFalse(never.Promotion!.Promoted);
        Assert.IsTrue(always.Promotion!.Promoted);
        var (_, details) = await Api.GetAsync($"api/models/{model}", token);
        Assert.AreEqual(always.Version, details.GetProperty("currentVersion").GetInt32());
    }

    [TestMethod]
    public async Task PromotionMetric_NotOfTheTask_FailsTheJobNamingTheField()
    {
        var token = TestContext.CancellationToken;
        var job = await Api.TrainAsync(Platform.UniqueName("promo"), new { csv = SampleData.Read("iris.csv"), label = "species", promotionMetric = "rmse" }, token);

        Assert.AreEqual(JobStatus.Failed, job.Status);
        StringAssert.Contains(job.Error, "promotionMetric");
    }

    [TestMethod]
    public async Task Train_UnknownPromotePolicy_Returns400()
    {
        var (status, body) = await Api.PostAsync("api/models/promo-bad/train", """{"csv":"a,b\n1,2","label":"b","promote":"sometimes"}""", TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        Assert.IsTrue(body.GetProperty("errors").TryGetProperty("promote", out _));
    }

    /// <summary>The same rows with the labels permuted: a model trained on them has learned nothing.</summary>
    private static string ShuffledLabels(string csv)
    {
        var lines = csv.TrimEnd('\n').Split('\n');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var labels = rows.Select(r => r[^1]).ToArray();
        new Random(11).Shuffle(labels);
        return string.Join('\n', new[] { lines[0] }.Concat(rows.Select((r, i) => string.Join(',', r[..^1].Append(labels[i])))));
    }
}
