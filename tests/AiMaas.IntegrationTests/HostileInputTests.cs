using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AiMaas.IntegrationTests;

/// <summary>
/// The hostile corpus against the running app: every request gets a 4xx (a problem where the app answers) or a correct
/// 2xx, never a 5xx, a hang or a dropped connection, and the app serves normally afterwards.
/// </summary>
[TestClass]
public sealed class HostileInputTests
{
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(30);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DoNotParallelize]
    public async Task HostileCorpus_NeverAnswers5xxOrHangs_AndTheAppServesAfter()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("hostile");
        await Api.TrainIrisAsync(model, token);
        var corpus = HostileCorpus.Build(model);
        using var client = new HttpClient { BaseAddress = Platform.BaseAddress, Timeout = PerRequest };
        client.DefaultRequestHeaders.Add("x-functions-key", Platform.HostKey);

        // The scoring bodies once more with an API key that has a rows limit, so that the gate's own body reading is attacked too.
        var (_, rowsLimitedKey) = await Keys.CreateAsync([$"predict:{model}"], token, limits: new { rowsPerSecond = 1_000_000 });
        using var limited = Keys.Client(rowsLimitedKey);
        limited.Timeout = PerRequest;
        var work = corpus.Select(c => (Case: c, Client: client))
            .Concat(corpus.Where(c => c.Description.Contains("predict", StringComparison.Ordinal) || c.Description.Contains("v2 infer", StringComparison.Ordinal))
                .Select(c => (Case: c with { Class = "rows-key " + c.Class }, Client: limited)))
            .ToArray();

        var outcomes = new List<(string Class, string Description, string Outcome, bool Ok)>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = token }, async (item, ct) =>
        {
            var hostile = item.Case;
            var outcome = await SendAsync(item.Client, hostile, ct);
            lock (outcomes)
            {
                outcomes.Add((hostile.Class, hostile.Description, outcome.Text, outcome.Ok));
            }
        });

        foreach (var (cls, description, outcome, ok) in await RawSocketCasesAsync(model, token))
        {
            outcomes.Add((cls, description, outcome, ok));
        }

        TestContext.WriteLine($"{outcomes.Count} hostile requests in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var group in outcomes.GroupBy(o => o.Class).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var answers = string.Join(", ", group.GroupBy(o => o.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}"));
            TestContext.WriteLine($"  {group.Key,-16} {group.Count(),4}: {answers}");
        }

        var accepted = outcomes.Where(o => o.Outcome == "2xx").Select(o => o.Description).Order(StringComparer.Ordinal);
        TestContext.WriteLine($"  answered 2xx: {string.Join("; ", accepted)}");

        var failures = outcomes.Where(o => !o.Ok).Select(o => $"{o.Class}: {o.Description} → {o.Outcome}").ToArray();
        Assert.IsGreaterThanOrEqualTo(200, outcomes.Count);
        Assert.IsEmpty(failures, string.Join(Environment.NewLine, failures));

        var (status, body) = await Api.PostAsync($"api/models/{model}/predict", """{"instances":[{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}]}""", token);
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(HttpStatusCode.OK, (await Api.GetAsync("api/health", token, Platform.AnonymousClient)).Status);
    }

    private static async Task<(string Text, bool Ok)> SendAsync(HttpClient client, HostileCase hostile, CancellationToken cancellationToken)
    {
        using var request = hostile.Build();
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return status switch
            {
                >= 200 and < 300 => ("2xx", type is "application/json" || body.Length == 0),
                >= 400 and < 500 when type == "application/problem+json" => ($"{status} problem", true),

                // The /v1 and /v2 inference protocols answer errors in their own shape, {"error": "..."}.
                >= 400 and < 500 when type == "application/json" && body.Contains("\"error\"", StringComparison.Ordinal) => ($"{status} protocol error", true),

                // Answered by Kestrel or routing before any function runs: header limits, unmatched routes, methods.
                400 or 404 or 405 or 413 or 414 or 431 => ($"{status} (server)", true),
                _ => ($"{status} {type}: {Truncate(body)}", false),
            };
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ($"no answer within {PerRequest.TotalSeconds} s", false);
        }
        catch (HttpRequestException ex)
        {
            return ($"connection failed: {ex.Message}", false);
        }
    }

    /// <summary>Bodies that stop short or trickle in: the server must give up on them within a bound, not wait forever.</summary>
    private static async Task<IReadOnlyList<(string Class, string Description, string Outcome, bool Ok)>> RawSocketCasesAsync(string model, CancellationToken cancellationToken)
    {
        var results = new List<(string, string, string, bool)>();
        var head = $"POST /api/models/{model}/predict HTTP/1.1\r\nHost: localhost\r\nx-functions-key: {Platform.HostKey}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";

        // Content-Length promises more than is sent, then the client stops sending.
        var truncated = await RawAsync(head, "{\"instances\":[", trickle: null, closeWrite: true, TimeSpan.FromSeconds(30), cancellationToken);
        results.Add(("truncated", "body shorter than Content-Length, then half-close", truncated.Outcome, truncated.Ok));

        // One byte every 500 ms: Kestrel's minimum body data rate (240 B/s after a 5 s grace) ends it.
        var slow = await RawAsync(head, "{", trickle: TimeSpan.FromMilliseconds(500), closeWrite: false, TimeSpan.FromSeconds(40), cancellationToken);
        results.Add(("slow-body", "body trickling at 2 bytes/s", slow.Outcome, slow.Ok));
        return results;
    }

    private static async Task<(string Outcome, bool Ok)> RawAsync(string head, string start, TimeSpan? trickle, bool closeWrite, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, Platform.BaseAddress.Port, cancellationToken);
        await socket.SendAsync(Encoding.ASCII.GetBytes(head + start), cancellationToken);
        if (closeWrite)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(bound);
        var clock = Stopwatch.StartNew();
        var trickling = trickle is { } interval ? TrickleAsync(socket, interval, deadline.Token) : Task.CompletedTask;
        var buffer = new byte[4096];
        try
        {
            var read = await socket.ReceiveAsync(buffer, deadline.Token);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            var status = answer.Length >= 12 && answer.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? answer[9..12] : null;
            var ok = status is null || status[0] == '4';
            return ($"{(status ?? "connection closed")} after {clock.Elapsed.TotalSeconds:F0} s", ok);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ($"still open after {bound.TotalSeconds} s", false);
        }
        catch (SocketException)
        {
            return ($"connection reset after {clock.Elapsed.TotalSeconds:F0} s", true);
        }
        finally
        {
            await deadline.CancelAsync();
            await trickling;
        }
    }

    private static async Task TrickleAsync(Socket socket, TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(interval, cancellationToken);
                await socket.SendAsync("1"u8.ToArray(), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The server gave up on the body, or the test is done.
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
