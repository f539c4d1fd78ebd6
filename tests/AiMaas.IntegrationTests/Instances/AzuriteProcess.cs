using System.Globalization;
using System.Net.Sockets;

namespace AiMaas.IntegrationTests.Instances;

/// <summary>
/// An Azurite of a test's own, so that the test can take storage away and bring it back on the same ports with the same
/// data, as an outage of the storage account would look to the instances.
/// </summary>
internal sealed class AzuriteProcess : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "aimaas-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _blobPort = FreePort.Next();
    private readonly int _queuePort = FreePort.Next();
    private readonly int _tablePort = FreePort.Next();
    private ChildProcess? _process;

    /// <summary>The well-known development account; not a secret.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{_tablePort}/devstoreaccount1;";

    public static async Task<AzuriteProcess> StartAsync(CancellationToken cancellationToken)
    {
        var azurite = new AzuriteProcess();
        await azurite.StartAgainAsync(cancellationToken);
        return azurite;
    }

    /// <summary>Starts Azurite on this instance's ports and data directory (again, after <see cref="StopAsync"/>).</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_dataDirectory);
        _process = ChildProcess.Start(
            RepoPaths.Azurite,
            [
                "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--location", _dataDirectory,
                "--blobHost", "127.0.0.1", "--blobPort", Text(_blobPort),
                "--queueHost", "127.0.0.1", "--queuePort", Text(_queuePort),
                "--tableHost", "127.0.0.1", "--tablePort", Text(_tablePort),
            ],
            new Dictionary<string, string?>(),
            Path.Combine(_dataDirectory, "azurite.log"));
        // Node starting Azurite took over a minute once with the 2 cores at load 50; the poll returns as soon as it listens.
        await Poll.UntilAsync(
            async token => await AcceptsAsync(_blobPort, token) && await AcceptsAsync(_queuePort, token),
            up => up,
            TimeSpan.FromMinutes(3),
            "Azurite accepting connections",
            cancellationToken);
    }

    /// <summary>Stops Azurite (SIGTERM; it writes its data on the way out) and waits until its ports refuse connections.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is null)
        {
            return;
        }

        await _process.StopAsync(TimeSpan.FromSeconds(15));
        _process.Dispose();
        _process = null;
        await Poll.UntilAsync(async token => await AcceptsAsync(_blobPort, token), up => !up, TimeSpan.FromSeconds(30), "Azurite closing its ports", cancellationToken);
    }

    public void Dispose()
    {
        _process?.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory.
        }
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
