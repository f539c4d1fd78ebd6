using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiMaas.Functions.Access;
using AiMaas.LocalRuntime;
using AiMaas.LocalRuntime.Discovery;

namespace AiMaas.IntegrationTests;

/// <summary>
/// Walks the function table: every HTTP function must declare its access decision, and each decision is enforced:
/// 401 without a credential, 403 naming the scope with the wrong one, through with the right one.
/// </summary>
[TestClass]
public sealed partial class RouteScopeTests
{
    private static readonly string Model = Platform.UniqueName("scoped");

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> HttpFunctions =>
        LocalFunctionsHost.Functions.Where(f => f.Trigger == TriggerKind.Http).Select(f => new object[] { f.Name });

    [TestMethod]
    public void EveryHttpFunction_DeclaresItsAccess()
    {
        var undeclared = FunctionAccessTable.Default.Rules.Where(r => !r.Declared).Select(r => r.Function).Order(StringComparer.Ordinal).ToArray();

        Assert.IsEmpty(undeclared, $"HTTP functions without [RequiresScope(...)]: {string.Join(", ", undeclared)}. Declare one on each (see docs/api.md, Access control).");
        Assert.AreEqual(
            LocalFunctionsHost.Functions.Count(f => f.Trigger == TriggerKind.Http),
            FunctionAccessTable.Default.Rules.Count,
            "the access table must hold every HTTP function");
    }

    [TestMethod]
    public void EveryHttpFunction_IsAnonymousAtTheHostAndGuardedByTheGate()
    {
        // The host's own key check would stop API-key callers before the gate; the gate enforces instead.
        var hostGuarded = LocalFunctionsHost.Functions.Where(f => f.Trigger == TriggerKind.Http && f.AuthLevel != "Anonymous").Select(f => f.Name).ToArray();

        Assert.IsEmpty(hostGuarded, string.Join(", ", hostGuarded));
    }

    [TestMethod]
    [DynamicData(nameof(HttpFunctions))]
    public async Task Function_EnforcesItsDeclaredScope(string name)
    {
        var function = LocalFunctionsHost.Functions.Single(f => f.Name == name);
        var rule = FunctionAccessTable.Default.Find(function.Method)!;
        var path = Path(function.Route!);
        var method = new HttpMethod(function.Methods[0].ToUpperInvariant());

        if (rule.IsAnonymous)
        {
            Assert.AreNotEqual(HttpStatusCode.Unauthorized, await SendAsync(Platform.AnonymousClient, method, path));
            return;
        }

        Assert.AreEqual(HttpStatusCode.Unauthorized, await SendAsync(Platform.AnonymousClient, method, path), $"{name} without a credential");

        var (required, unrelated) = Scopes(rule.Scope);
        if (unrelated is not null)
        {
            using var wrong = await Keys.ClientWithAsync([unrelated], TestContext.CancellationToken);
            using var refused = await SendRawAsync(wrong, method, path);
            Assert.AreEqual(HttpStatusCode.Forbidden, refused.StatusCode, $"{name} with only '{unrelated}'");
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(TestContext.CancellationToken)).RootElement;
            StringAssert.Contains(problem.GetProperty("detail").GetString(), required[0]);
        }

        foreach (var scope in required)
        {
            using var right = await Keys.ClientWithAsync([scope], TestContext.CancellationToken);
            var status = await SendAsync(right, method, path);
            Assert.IsTrue(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{name} with '{scope}' answered {(int)status}");
        }

        var viaHostKey = await SendAsync(Platform.Client, method, path);
        Assert.IsTrue(viaHostKey is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{name} with the host key answered {(int)viaHostKey}");
    }

    /// <summary>The scopes that must each pass, and one that must not (null when any credential passes).</summary>
    private static (string[] Required, string? Unrelated) Scopes(string declared) => declared switch
    {
        FunctionScopes.AnyCredential => ([AiMaas.Core.Access.Scopes.DatasetsRead], null),
        FunctionScopes.ReadModel => ([$"predict:{Model}", $"train:{Model}", $"manage:{Model}", "predict:*"], "predict:another-model"),
        "admin" => (["admin"], $"manage:*"),
        "datasets:read" => (["datasets:read", "admin"], "datasets:write"),
        "datasets:write" => (["datasets:write"], "datasets:read"),
        _ when declared.EndsWith(":{model}", StringComparison.Ordinal) => ModelScopes(declared),
        _ => throw new AssertFailedException($"No test case for the scope '{declared}': add one here."),
    };

    private static (string[] Required, string? Unrelated) ModelScopes(string declared)
    {
        var action = declared[..declared.IndexOf(':', StringComparison.Ordinal)];
        var other = action == "predict" ? "train" : "predict";
        return ([$"{action}:{RouteScopeTests.Model}", $"{action}:*"], $"{other}:{RouteScopeTests.Model}");
    }

    private static string Path(string route) => RouteParameter().Replace(route, match => match.Groups["name"].Value switch
    {
        "model" => Model,
        "version" => "1",
        "alias" => "current",
        "dataset" => $"scoped/{Model}.csv",
        "jobId" => "no-such-job",
        "id" => "0123456789ab",
        var other => other,
    });

    private async Task<HttpStatusCode> SendAsync(HttpClient client, HttpMethod method, string path)
    {
        using var response = await SendRawAsync(client, method, path);
        return response.StatusCode;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpClient client, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (method == HttpMethod.Post || method == HttpMethod.Put)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request, TestContext.CancellationToken);
    }

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
