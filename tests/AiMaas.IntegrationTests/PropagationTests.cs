using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using AiMaas.Core.Vocabulary;
using AiMaas.Core;
using AiMaas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiMaas.IntegrationTests;

/// <summary>
/// After an alias moves, a running instance serves the new version within the documented bound
/// (AliasCacheDuration plus the new version's load), and no request fails during the switch.
/// </summary>
[TestClass]
public sealed class PropagationTests
{
    private static readonly TimeSpan LoadAllowance = TimeSpan.FromSeconds(3);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task MoveCurrent_UnderLoad_SwitchesWithinTheBoundWithoutErrors()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("switch");
        Assert.AreEqual(JobStatus.Succeeded, (await Api.TrainIrisAsync(model, token)).Status);
        Assert.AreEqual(JobStatus.Succeeded, (await Api.TrainIrisAsync(model, token, promote: "never")).Status);
        var bound = Platform.Services.GetRequiredService<IOptions<AiMaasOptions>>().Value.AliasCacheDuration + LoadAllowance;
        var answers = new ConcurrentBag<(TimeSpan At, HttpStatusCode Status, int Version)>();
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var body = $$"""{"instances":[{{SampleData.IrisInstance}}]}""";
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, response) = await Api.PostAsync($"api/models/{model}/predict", body, CancellationToken.None);
                answers.Add((clock.Elapsed, status, status == HttpStatusCode.OK ? response.GetProperty("version").GetInt32() : 0));
            }
        }, CancellationToken.None)).ToArray();
        await Eventually.TrueAsync(() => answers.Any(a => a.Version == 1), TimeSpan.FromMinutes(1), token);

        var (moved, _, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{model}/aliases/current", """{"version":2}""", token);
        var movedAt = clock.Elapsed;
        // The bound is a wall-clock promise of a live process, so this one test watches real time pass it.
        await Eventually.TrueAsync(() => clock.Elapsed > movedAt + bound + TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), token);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.AreEqual(HttpStatusCode.OK, moved);
        Assert.IsTrue(answers.All(a => a.Status == HttpStatusCode.OK), string.Join(", ", answers.Select(a => a.Status).Distinct()));
        var late = answers.Where(a => a.At > movedAt + bound).ToArray();
        Assert.IsNotEmpty(late);
        Assert.IsTrue(late.All(a => a.Version == 2), $"{late.Count(a => a.Version == 1)} answers still came from version 1 after {bound}");
    }

}
