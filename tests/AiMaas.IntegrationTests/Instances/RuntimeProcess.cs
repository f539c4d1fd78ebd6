using System.Net;

namespace AiMaas.IntegrationTests.Instances;

/// <summary>
/// One AiMaas instance as its own OS process: the local runtime started with `dotnet AiMaas.LocalRuntime.dll --port N`,
/// settings in environment variables as in Azure, so it can be SIGKILLed like a lost Flex Consumption instance.
/// </summary>
internal sealed class RuntimeProcess : IDisposable
{
    private readonly ChildProcess _process;

    private RuntimeProcess(string name, int port, ChildProcess process)
    {
        Name = name;
        Port = port;
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        Client.DefaultRequestHeaders.Add("x-functions-key", Platform.HostKey);
        AnonymousClient = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public HttpClient AnonymousClient { get; }

    public string LogPath => _process.LogPath;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the instance and waits until it answers HTTP (any status: storage may be down on purpose).</summary>
    public static async Task<RuntimeProcess> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var log = Path.Combine(Path.GetTempPath(), "aimaas-instances", $"{name}-{port}.log");
        var child = ChildProcess.Start(RepoPaths.DotnetHost, [RepoPaths.RuntimeDll, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], environment, log);
        var instance = new RuntimeProcess(name, port, child);
        try
        {
            await Poll.UntilAsync(
                async token =>
                {
                    if (child.HasExited)
                    {
                        throw new AssertFailedException($"Instance {name} exited at start-up; see {log}:\n{ReadTail(log)}");
                    }

                    using var response = await instance.AnonymousClient.GetAsync(new Uri("api/health", UriKind.Relative), token);
                    return response.StatusCode;
                },
                status => status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromMinutes(2),
                $"instance {name} answering on port {port}",
                cancellationToken);
        }
        catch
        {
            instance.Dispose();
            throw;
        }

        return instance;
    }

    public void Kill() => _process.Kill();

    public long WorkingSetBytes() => _process.WorkingSetBytes();

    public void Dispose()
    {
        Client.Dispose();
        AnonymousClient.Dispose();
        _process.Dispose();
    }

    public override string ToString() => $"{Name} (port {Port}, pid {_process.Id})";

    private static string ReadTail(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(40));
        }
        catch (IOException)
        {
            return "";
        }
    }
}
