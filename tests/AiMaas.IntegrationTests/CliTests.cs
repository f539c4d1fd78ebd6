using System.Diagnostics;
using System.Text.Json;

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
