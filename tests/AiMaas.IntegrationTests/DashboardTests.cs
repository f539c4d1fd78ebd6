using System.Net;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Support;
using Microsoft.Playwright.MSTest;
using Microsoft.Playwright;

namespace AiMaas.IntegrationTests;

/// <summary>
/// The dashboard at <c>/ui/</c> in a real Chromium (the distribution's, installed by test.sh; Playwright's driver ships
/// in its NuGet package, so nothing is downloaded). Screenshots of each step land in TestResults/dashboard/.
/// </summary>
[TestClass]
public sealed class DashboardTests : PlaywrightTest
{
    private static readonly TimeSpan TrainingDeadline = TimeSpan.FromMinutes(3);

    [TestMethod]
    public async Task Dashboard_KeyTrainPromoteRollBackCharts_WorkInChromium()
    {
        var token = TestContext.CancellationToken;
        var sample = Platform.UniqueName("ui-iris");
        Assert.AreEqual(JobStatus.Succeeded, (await Api.TrainIrisAsync(sample, token)).Status);
        Assert.AreEqual(JobStatus.Succeeded, (await Api.TrainIrisAsync(sample, token, promote: "always")).Status);
        await PredictWithLoggingAsync(sample, token);
        var houses = Platform.UniqueName("ui-houses");

        await using var browser = await BrowserType.LaunchAsync(new() { ExecutablePath = ChromiumPath(), Headless = true });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        // The key is asked once, then kept for the tab's session.
        await page.GotoAsync(new Uri(Platform.BaseAddress, "ui").ToString());
        await Expect(page.Locator("#key-form")).ToBeVisibleAsync();
        await page.FillAsync("#key", "wrong-key");
        await page.ClickAsync("#key-form button[type=submit]");
        await Expect(page.Locator("#key-error")).ToContainTextAsync("401");
        await page.FillAsync("#key", Platform.HostKey);
        await page.ClickAsync("#key-form button[type=submit]");
        var sampleLink = page.Locator($"#models a[data-model='{sample}']");
        await Expect(sampleLink).ToBeVisibleAsync();
        await ScreenshotAsync(page, "1-models");
        await page.ReloadAsync();
        await Expect(sampleLink).ToBeVisibleAsync(new() { Timeout = 10_000 });

        // A classifier: versions side by side, confusion matrix, ROC curves, feature importance, traffic.
        await sampleLink.ClickAsync();
        await Expect(page.Locator("#versions tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#aliases [data-alias=current]")).ToHaveTextAsync("current → v2");
        await Expect(page.Locator("#confusion svg rect.cell")).ToHaveCountAsync(9);
        var irisHoldOut = (await Api.GetAsync($"api/models/{sample}/versions/2/evaluation", token)).Body.GetProperty("rows").GetInt32();
        Assert.AreEqual(irisHoldOut, await SumAsync(page.Locator("#confusion svg rect.cell"), "data-count"), "every hold-out row is in the matrix");
        await Expect(page.Locator("#roc svg path.roc")).ToHaveCountAsync(3);
        await Expect(page.Locator("#importance svg rect.bar")).ToHaveCountAsync(4);
        await Expect(page.Locator("#volume svg rect.bar").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("#latency svg circle.point").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "2-classifier");

        // Roll back, with a confirmation: cancel leaves current alone, confirm moves it.
        var rollBack = page.Locator("#versions tr[data-version='1'] button.promote");
        await Expect(rollBack).ToHaveTextAsync("Roll back to this");
        await rollBack.ClickAsync();
        await Expect(page.Locator("#confirm")).ToBeVisibleAsync();
        await page.ClickAsync("#confirm-no");
        await Expect(page.Locator("#aliases [data-alias=current]")).ToHaveTextAsync("current → v2");
        await rollBack.ClickAsync();
        await page.ClickAsync("#confirm-yes");
        await Expect(page.Locator("#aliases [data-alias=current]")).ToHaveTextAsync("current → v1");
        Assert.AreEqual(1, (await Api.GetAsync($"api/models/{sample}", token)).Body.GetProperty("currentVersion").GetInt32());

        // A second model trained from the page, followed to the end, then promoted.
        await page.FillAsync("#train-model", houses);
        await page.SetInputFilesAsync("#train-file", Path.Combine(AppContext.BaseDirectory, "samples", "houses.csv"));
        await page.FillAsync("#train-dataset", $"ui/{houses}.csv");
        await page.FillAsync("#train-label", "price");
        await page.SelectOptionAsync("#train-promote", "never");
        await page.ClickAsync("#train-submit");
        var job = page.Locator("#jobs .job").Filter(new() { HasText = houses });
        await Expect(job).ToBeVisibleAsync();
        await ScreenshotAsync(page, "3-training");
        await Expect(job).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = (float)TrainingDeadline.TotalMilliseconds });
        await Expect(job.Locator(".job-text")).ToContainTextAsync("rSquared");
        await Expect(job.Locator(".job-text")).ToContainTextAsync("not promoted");

        await page.Locator($"#models a[data-model='{houses}']").ClickAsync();
        await Expect(page.Locator("#model-name")).ToHaveTextAsync(houses);
        await page.ClickAsync("#versions tr[data-version='1'] button.promote");
        await Expect(page.Locator("#confirm-text")).ToContainTextAsync("v1");
        await page.ClickAsync("#confirm-yes");
        await Expect(page.Locator("#aliases [data-alias=current]")).ToHaveTextAsync("current → v1");

        // A regression: predicted against actual and residuals, one point per hold-out row.
        var points = page.Locator("#predicted-vs-actual svg circle.point");
        await Expect(points.First).ToBeVisibleAsync();
        var holdOut = (await Api.GetAsync($"api/models/{houses}/versions/1/evaluation", token)).Body.GetProperty("rows").GetInt32();
        Assert.IsGreaterThan(10, holdOut);
        await Expect(points).ToHaveCountAsync(holdOut);
        await Expect(page.Locator("#residuals svg circle.point")).ToHaveCountAsync(holdOut);
        await Expect(page.Locator("#importance svg rect.bar")).ToHaveCountAsync(4);
        await ScreenshotAsync(page, "4-regression");

        Assert.IsEmpty(errors, string.Join("\n", errors));
    }

    [TestMethod]
    public async Task Dashboard_StaticFiles_ServedWithoutKeyAndNeverOutsideTheFolder()
    {
        var token = TestContext.CancellationToken;
        using var redirect = await Platform.AnonymousClient.GetAsync(new Uri("ui", UriKind.Relative), token);
        using var page = await Platform.AnonymousClient.GetAsync(new Uri("ui/", UriKind.Relative), token);
        using var module = await Platform.AnonymousClient.GetAsync(new Uri("ui/app.js", UriKind.Relative), token);
        using var escape = await Platform.AnonymousClient.GetAsync(new Uri("ui/..%2F..%2Fhost.json", UriKind.Relative), token);

        Assert.AreEqual(HttpStatusCode.OK, redirect.StatusCode, "/ui redirects to /ui/");
        Assert.EndsWith("/ui/", redirect.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
        StringAssert.Contains(await page.Content.ReadAsStringAsync(token), "AiMaas dashboard");
        Assert.AreEqual(HttpStatusCode.OK, module.StatusCode);
        StringAssert.Contains(module.Content.Headers.ContentType!.MediaType, "javascript");
        Assert.AreEqual(HttpStatusCode.NotFound, escape.StatusCode);
    }

    /// <summary>The distribution's Chromium; AIMAAS_CHROMIUM names another binary.</summary>
    private static string ChromiumPath()
    {
        string[] candidates = [Environment.GetEnvironmentVariable("AIMAAS_CHROMIUM") ?? "", "/usr/bin/chromium", "/usr/bin/chromium-browser"];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("No Chromium found: run ./test.sh (it installs the distribution's 'chromium') or set AIMAAS_CHROMIUM.");
    }

    private static async Task PredictWithLoggingAsync(string model, CancellationToken token)
    {
        var (status, body, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{model}/logging", """{"enabled":true}""", token);
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        // Settings reach the predict path within the settings cache duration; predict until records are in storage.
        await Eventually.MatchesAsync(
            async t =>
            {
                for (var i = 0; i < 5; i++)
                {
                    await Api.PostAsync($"api/models/{model}/predict", """{"instances":[{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}]}""", t);
                }

                return (await PredictionLogSupport.WaitForRecordsAsync(model, 0, t)).Count;
            },
            blobs => blobs > 0,
            TimeSpan.FromSeconds(60),
            token,
            $"prediction log blobs of model '{model}'");
    }

    private static async Task<int> SumAsync(ILocator cells, string attribute)
    {
        var total = 0;
        foreach (var cell in await cells.AllAsync())
        {
            total += int.Parse((await cell.GetAttributeAsync(attribute))!, System.Globalization.CultureInfo.InvariantCulture);
        }

        return total;
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "TestResults", "dashboard");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    // TestResults/ at the repository root, where ./test.sh collects every result.
    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AiMaas.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? AppContext.BaseDirectory;
    }
}
