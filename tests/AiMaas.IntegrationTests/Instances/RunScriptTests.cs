using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiMaas.IntegrationTests.Instances;

/// <summary>
/// <c>./run.sh --instances 3</c> as people run it (on throw-away ports, data and settings): three instances answer a
/// prediction of the sample model on the ports it prints, and Ctrl-C, or SIGTERM, stops every instance and Azurite.
/// </summary>
[TestClass]
public sealed partial class RunScriptTests
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private const string IrisRow = """{"instances":[{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}]}""";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task RunScript_ThreeInstances_EachAnswersOnItsPrintedPort_AndCtrlCOrSigtermStopsThemAndAzurite()
    {
        var token = TestContext.CancellationToken;
        var work = Path.Combine(Path.GetTempPath(), "aimaas-instances", "run-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var environment = new Dictionary<string, string?>
        {
            ["AIMAAS_PORT"] = Text(ConsecutiveFreePorts(3)),
            ["AIMAAS_AZURITE_PORTS"] = string.Join(' ', FreePort.Next(), FreePort.Next(), FreePort.Next()),
            ["AIMAAS_AZURITE_DIR"] = Path.Combine(work, "azurite"),
            ["AIMAAS_SETTINGS"] = Path.Combine(work, "local.settings.json"),
            ["AIMAAS_HOST_KEY"] = Guid.NewGuid().ToString("N"),
            ["AIMAAS_NO_BUILD"] = "1",
            ["AIMAAS_RUNTIME_DLL"] = RepoPaths.RuntimeDll,
        };
        try
        {
            // First run: trains the sample model through the queue; Ctrl-C (SIGINT to the terminal's process group).
            // Every process in the group gets the SIGINT, as in a terminal; what matters is that none is left running.
            await RunAsync(environment, Path.Combine(work, "run-1.log"), stop: run => Signal(-run.Id, SigInt), scriptCleansUp: false, token);
            // Second run on the same data: the model is still there; SIGTERM to the script alone (as a supervisor stops it).
            // Only the script gets it, so its own clean-up must stop the instances and Azurite.
            await RunAsync(environment, Path.Combine(work, "run-2.log"), stop: run => Signal(run.Id, SigTerm), scriptCleansUp: true, token);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temporary directory.
            }
        }
    }

    private static async Task RunAsync(Dictionary<string, string?> environment, string logPath, Func<ChildProcess, int> stop, bool scriptCleansUp, CancellationToken token)
    {
        // In a session of its own, so that its process group is the script and what it starts, as in a terminal.
        using var run = ChildProcess.Start("setsid", ["bash", Path.Combine(RepoPaths.Root, "run.sh"), "--instances", "3"], environment, logPath);
        // Three instances starting one after the other, and a training, on 2 shared cores.
        var output = await Poll.UntilAsync(
            async t => await ReadAsync(logPath, t),
            text => text.Contains("Press Ctrl-C to stop.", StringComparison.Ordinal) && InstanceLine().Count(text) == 3 && AzuriteLine().IsMatch(text) || run.HasExited,
            TimeSpan.FromMinutes(8),
            "run.sh printing its three instances",
            token);
        Assert.IsFalse(run.HasExited, $"run.sh exited before it was ready:\n{output}");
        var instances = InstanceLine().Matches(output).Select(m => (Port: int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture), Pid: int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture))).ToList();
        var azurite = AzuriteLine().Match(output);
        var azuritePort = int.Parse(azurite.Groups["port"].Value, CultureInfo.InvariantCulture);
        var azuritePid = int.Parse(azurite.Groups["pid"].Value, CultureInfo.InvariantCulture);
        var firstPort = int.Parse(environment["AIMAAS_PORT"]!, CultureInfo.InvariantCulture);
        CollectionAssert.AreEqual(new[] { firstPort, firstPort + 1, firstPort + 2 }, instances.Select(i => i.Port).ToArray(), output);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        foreach (var (port, _) in instances)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{Text(port)}/api/models/iris/predict")
            {
                Content = new StringContent(IrisRow, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("x-functions-key", environment["AIMAAS_HOST_KEY"]);
            using var response = await http.SendAsync(request, token);
            var body = await response.Content.ReadAsStringAsync(token);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"port {Text(port)}: {body}");
            using var json = JsonDocument.Parse(body);
            Assert.AreEqual(1, json.RootElement.GetProperty("predictions").GetArrayLength(), body);
        }

        Assert.AreEqual(0, stop(run), "the signal could not be sent");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await run.WaitForExitAsync(timeout.Token);
        // The script's last lines can reach the log just after its exit (the output is read asynchronously).
        var log = scriptCleansUp
            ? await Poll.UntilAsync(
                async t => await ReadAsync(logPath, t),
                text => text.Contains("Stopped AiMaas and Azurite.", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30),
                "run.sh saying it stopped everything",
                token)
            : await ReadAsync(logPath, token);
        foreach (var (port, pid) in instances.Append((azuritePort, azuritePid)))
        {
            Assert.IsFalse(IsRunning(pid), $"process {Text(pid)} (port {Text(port)}) still runs after run.sh stopped:\n{log}");
            Assert.IsFalse(await AcceptsAsync(port, token), $"port {Text(port)} still accepts connections after run.sh stopped:\n{log}");
        }
    }

    private static async Task<string> ReadAsync(string path, CancellationToken token)
    {
        // The child's log is open for writing; read it shared.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(token);
    }

    /// <summary>A first port whose next <paramref name="count"/> - 1 ports are free too (run.sh uses PORT, PORT+1, ...).</summary>
    private static int ConsecutiveFreePorts(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = FreePort.Next();
            if (first + count <= IPEndPoint.MaxPort && Enumerable.Range(first + 1, count - 1).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"No {Text(count)} consecutive free ports found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken token)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Alive and not a zombie waiting to be reaped (state Z in /proc/PID/stat).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Text(pid)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"instance \d+: http://127\.0\.0\.1:(?<port>\d+)/api\s+\(pid (?<pid>\d+)\)")]
    private static partial Regex InstanceLine();

    [GeneratedRegex(@"Azurite: blob port (?<port>\d+), queue port \d+ \(pid (?<pid>\d+)\)")]
    private static partial Regex AzuriteLine();

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);
}
