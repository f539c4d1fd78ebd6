using System.Diagnostics;
using System.Text.Json;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests;

/// <summary>The <c>aimaas</c> CLI, run as its own process against the running local runtime.</summary>
[TestClass]
public sealed class CliTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Cli_PushTrainWaitShowPredict_WorksEndToEnd()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("cli");
        var dataset = $"cli/{model}.csv";
        var iris = Path.Combine(AppContext.BaseDirectory, "samples", "iris.csv");

        var health = await RunAsync("health", "--json");
        Assert.AreEqual(0, health.ExitCode, health.Error);

        var push = await RunAsync("datasets", "push", iris, dataset, "--json");
        Assert.AreEqual(0, push.ExitCode, push.Error);
        Assert.AreEqual(150, push.Json.GetProperty("rows").GetInt32());

        var show = await RunAsync("datasets", "show", dataset);
        Assert.AreEqual(0, show.ExitCode, show.Error);
        StringAssert.Contains(show.Output, "sepal_length");

        var train = await RunAsync("train", model, "--dataset", dataset, "--label", "species", "--wait", "--poll-seconds", "0.2");
        Assert.AreEqual(0, train.ExitCode, train.Error);
        StringAssert.Contains(train.Output, "macroAccuracy", "the metrics table");
        StringAssert.Contains(train.Output, "promoted to current", "the promotion decision");
        StringAssert.Contains(train.Error, "job ", "progress lines on stderr while the job runs");

        var details = await RunAsync("models", "show", model, "--json");
        Assert.AreEqual(1, details.Json.GetProperty("currentVersion").GetInt32());
        var table = await RunAsync("models", "show", model);
        StringAssert.Contains(table.Output, "macroAccuracy");
        StringAssert.Contains(table.Output, "current");

        var output = Path.Combine(Path.GetTempPath(), $"{model}-out.csv");
        var predict = await RunAsync("predict", model, "--input", iris, "--output", output, "--batch-size", "40", "--json");
        Assert.AreEqual(0, predict.ExitCode, predict.Error);
        var lines = await File.ReadAllLinesAsync(output, token);
        Assert.HasCount(151, lines);
        StringAssert.StartsWith(lines[0], "row,label,probabilities.");

        var alias = await RunAsync("alias", "set", model, "staging", "1", "--json");
        Assert.AreEqual(0, alias.ExitCode, alias.Error);
        Assert.AreEqual(1, alias.Json.GetProperty("aliases").GetProperty("staging").GetInt32());
        var removed = await RunAsync("alias", "rm", model, "staging");
        Assert.AreEqual(0, removed.ExitCode, removed.Error);
    }

    [TestMethod]
    public async Task Cli_ServerProblem_IsOneLineAndNonZeroExit()
    {
        var missing = await RunAsync("models", "show", Platform.UniqueName("none"));
        var bad = await RunAsync("train", Platform.UniqueName("cli"), "--dataset", "no/such.csv", "--label", "y", "--option", "numberOfTrees=-5", "--wait");

        Assert.AreEqual(1, missing.ExitCode);
        StringAssert.StartsWith(missing.Error, "error: 404");
        Assert.AreEqual(1, missing.Error.Trim().Split('\n').Length, missing.Error);
        Assert.AreEqual(1, bad.ExitCode);
        StringAssert.StartsWith(bad.Error, "error: ");
        Assert.DoesNotContain("   at ", bad.Error, "no stack trace");
    }

    [TestMethod]
    public async Task Cli_ConfigSet_IsUsedWhenNoEnvironmentOverride()
    {
        var config = Path.Combine(Path.GetTempPath(), $"aimaas-{Guid.NewGuid():N}.json");

        var set = await RunWithAsync(new() { ["AIMAAS_CONFIG"] = config, ["AIMAAS_URL"] = null, ["AIMAAS_KEY"] = null }, "config", "set", "--url", Platform.BaseAddress.ToString(), "--key", Platform.HostKey);
        var list = await RunWithAsync(new() { ["AIMAAS_CONFIG"] = config, ["AIMAAS_URL"] = null, ["AIMAAS_KEY"] = null }, "models", "list", "--json");
        var wrongKey = await RunWithAsync(new() { ["AIMAAS_CONFIG"] = config, ["AIMAAS_KEY"] = "wrong" }, "models", "list");

        Assert.AreEqual(0, set.ExitCode, set.Error);
        Assert.AreEqual(0, list.ExitCode, list.Error);
        Assert.AreEqual(JsonValueKind.Array, list.Json.GetProperty("models").ValueKind);
        Assert.AreEqual(1, wrongKey.ExitCode);
        StringAssert.StartsWith(wrongKey.Error, "error: 401");
    }

    [TestMethod]
    public async Task Cli_ExplainAndBatch_WorkEndToEnd()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("cli-x");
        Assert.AreEqual(JobStatus.Succeeded, (await Api.TrainIrisAsync(model, token)).Status);
        var rows = Path.Combine(Path.GetTempPath(), $"{model}-rows.jsonl");
        await File.WriteAllLinesAsync(rows, [
            """{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}""",
            """{"sepal_length":6.7,"sepal_width":3.0,"petal_length":5.2,"petal_width":2.3}""",
            """{"sepal_length":5.9,"sepal_width":3.0,"petal_length":4.2,"petal_width":1.5}""",
        ], token);

        var explainJson = await RunAsync("explain", model, "--input", rows, "--batch-size", "2", "--json");
        var explainTable = await RunAsync("explain", model, "--input", rows, "--top", "2");

        Assert.AreEqual(0, explainJson.ExitCode, explainJson.Error);
        var explanations = explainJson.Json.GetProperty("explanations");
        Assert.AreEqual(3, explanations.GetArrayLength(), "every row across two requests");
        var perClass = explanations[0].GetProperty("contributions").EnumerateObject().ToList();
        Assert.HasCount(3, perClass, "multiclass contributions are keyed by class first");
        Assert.AreEqual(4, perClass[0].Value.EnumerateObject().Count(), "then by input column");
        Assert.AreEqual(0, explainTable.ExitCode, explainTable.Error);
        StringAssert.Contains(explainTable.Output, "row 2");
        StringAssert.Contains(explainTable.Output, "(base value)");

        var dataset = $"cli/{model}-batch.csv";
        var push = await RunAsync("datasets", "push", Path.Combine(AppContext.BaseDirectory, "samples", "iris.csv"), dataset, "--json");
        Assert.AreEqual(0, push.ExitCode, push.Error);
        var batch = await RunAsync("batch", "submit", model, "--input", dataset, "--keep", "species", "--wait", "--poll-seconds", "0.2");
        Assert.AreEqual(0, batch.ExitCode, batch.Error);
        StringAssert.Contains(batch.Output, "succeeded");
        StringAssert.Contains(batch.Output, "150 rows scored");
        StringAssert.Contains(batch.Output, "predictions: results/");
        var jobId = batch.Output.Split(' ')[1];
        var show = await RunAsync("batch", "show", model, jobId, "--json");
        Assert.AreEqual(0, show.ExitCode, show.Error);
        Assert.AreEqual(150, show.Json.GetProperty("rowsScored").GetInt32());

        var failing = await RunAsync("batch", "submit", model, "--input", "cli/no-such-blob.csv", "--wait");
        Assert.AreEqual(1, failing.ExitCode);
        StringAssert.StartsWith(failing.Error, "error: ");
    }

    [TestMethod]
    public async Task Cli_BodyTooLarge_PrintsTheServersOneLineProblem()
    {
        // Over the test host's 1 MiB upload limit: the server answers 413 before reading the whole body.
        var zip = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(zip, new byte[3 * 1024 * 1024], TestContext.CancellationToken);

        var upload = await RunAsync("versions", "upload", Platform.UniqueName("cli-big"), zip);

        Assert.AreEqual(1, upload.ExitCode);
        StringAssert.StartsWith(upload.Error, "error: 413");
        StringAssert.Contains(upload.Error, "exceeds the upload limit of 1048576 bytes");
        Assert.AreEqual(1, upload.Error.Trim().Split('\n').Length, upload.Error);
    }

    [TestMethod]
    public async Task Cli_DatasetOverServerLimit_PrintsTheServersOneLineProblem()
    {
        // The server refuses while the file is still streaming in; the CLI must report its 413, not a broken connection.
        await using var host = await ExtraHost.StartAsync(new Dictionary<string, string?> { ["AiMaas:MaxDatasetBytes"] = "1048576" }, TestContext.CancellationToken);
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        await using (var writer = File.CreateText(file))
        {
            await writer.WriteLineAsync("x,y");
            for (var i = 0; i < 2_000_000; i++)
            {
                await writer.WriteLineAsync("12345.678,98765.432");
            }
        }

        var push = await RunWithAsync(new() { ["AIMAAS_URL"] = host.Client.BaseAddress!.ToString() }, "datasets", "push", file, $"cli/{Guid.NewGuid():N}.csv");
        File.Delete(file);

        Assert.AreEqual(1, push.ExitCode);
        StringAssert.StartsWith(push.Error, "error: 413");
        StringAssert.Contains(push.Error, "exceeds the limit of 1048576 bytes");
        Assert.AreEqual(1, push.Error.Trim().Split('\n').Length, push.Error);
    }

    private Task<CliRun> RunAsync(params string[] args) => RunWithAsync([], args);

    private async Task<CliRun> RunWithAsync(Dictionary<string, string?> environment, params string[] args)
    {
        var cancellationToken = TestContext.CancellationToken;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(CliPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AIMAAS_URL"] = Platform.BaseAddress.ToString();
        start.Environment["AIMAAS_KEY"] = Platform.HostKey;
        start.Environment["AIMAAS_CONFIG"] = Path.Combine(Path.GetTempPath(), "aimaas-unused-config.json");
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await output, await error);
    }

    // Built beside the tests by the ProjectReference; the same configuration as this test assembly.
    private static string CliPath { get; } = Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "..", "..", "tools", "AiMaas.Cli", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "aimaas.dll");

    private sealed record CliRun(int ExitCode, string Output, string Error)
    {
        public JsonElement Json => JsonDocument.Parse(Output).RootElement;
    }
}
