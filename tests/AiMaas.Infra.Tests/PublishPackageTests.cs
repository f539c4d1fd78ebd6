using System.Diagnostics;
using System.Reflection;

namespace AiMaas.Infra.Tests;

/// <summary>What `dotnet publish` produces is what Flex Consumption deploys: it must hold the host's files and no local secrets.</summary>
[TestClass]
public sealed class PublishPackageTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Publish_FunctionApp_ContainsHostFilesAndNoLocalSettings()
    {
        var root = Metadata("RepositoryRoot");
        var project = Path.Combine(root, "functions", "AiMaas.Functions");
        var localSettings = Path.Combine(project, "local.settings.json");
        var output = Path.Combine(Path.GetTempPath(), "aimaas-publish-" + Guid.NewGuid().ToString("N"));

        // A developer's real file is left alone; on a clean clone a stand-in proves the exclusion is real.
        // --no-build: ./test.sh has just built the solution, and a second build would race the other test projects.
        var createdLocalSettings = !File.Exists(localSettings);
        if (createdLocalSettings)
        {
            await File.WriteAllTextAsync(localSettings, """{"IsEncrypted":false,"Values":{"AIMAAS_HOST_KEY":"never-published"}}""", TestContext.CancellationToken);
        }

        try
        {
            var (exitCode, log) = await RunAsync("dotnet", ["publish", project, "--no-build", "-c", Metadata("Configuration"), "-o", output, "--nologo", "-v", "quiet"]);

            Assert.AreEqual(0, exitCode, log);
            foreach (var file in new[] { "host.json", "functions.metadata", "worker.config.json", "extensions.json", "AiMaas.Functions.dll" })
            {
                Assert.IsTrue(File.Exists(Path.Combine(output, file)), $"{file} is missing from the publish output");
            }

            Assert.IsFalse(File.Exists(Path.Combine(output, "local.settings.json")), "local.settings.json was published");
        }
        finally
        {
            if (createdLocalSettings)
            {
                File.Delete(localSettings);
            }

            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static string Metadata(string key) =>
        typeof(PublishPackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private async Task<(int ExitCode, string Log)> RunAsync(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        await process.WaitForExitAsync(TestContext.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
