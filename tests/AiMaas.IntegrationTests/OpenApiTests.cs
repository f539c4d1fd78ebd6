using System.Net;
using System.Text.Json;
using AiMaas.Core.Vocabulary;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace AiMaas.IntegrationTests;

/// <summary>A client generator pointed at the app's OpenAPI documents gets every route and a model's typed features.</summary>
[TestClass]
public sealed class OpenApiTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task OpenApiJson_Anonymous_Is31WithEveryFunctionsMetadataRoute()
    {
        var response = await Platform.AnonymousClient.GetAsync(new Uri("api/openapi.json", UriKind.Relative), TestContext.CancellationToken);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync(TestContext.CancellationToken);

        var (document, diagnostic) = Read(json);

        Assert.IsEmpty(diagnostic.Errors, string.Join("; ", diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.AreEqual(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        var httpFunctions = metadata.RootElement.EnumerateArray()
            .Select(f => (Name: f.GetProperty("name").GetString()!, Trigger: f.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("type").GetString() == "httpTrigger" || b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal))))
            .Where(f => f.Trigger.GetProperty("type").GetString() == "httpTrigger")
            .ToArray();
        Assert.IsNotEmpty(httpFunctions);
        foreach (var (name, trigger) in httpFunctions)
        {
            var path = AiMaas.Functions.OpenApi.ApiDocument.OpenApiPath(trigger.GetProperty("route").GetString()!);
            Assert.IsTrue(document!.Paths.TryGetValue(path, out var item), $"{name}: {path} is not documented");
            foreach (var method in trigger.GetProperty("methods").EnumerateArray().Select(m => new HttpMethod(m.GetString()!.ToUpperInvariant())))
            {
                Assert.IsTrue(item.Operations!.TryGetValue(method, out var operation), $"{name}: {method} {path} is not documented");
                var anonymous = AiMaas.Functions.Access.FunctionAccessTable.Default.Rules.Single(r => r.Function == name).Scope == AiMaas.Functions.Access.FunctionScopes.Anonymous;
                Assert.AreEqual(!anonymous, operation.Security is { Count: > 0 }, $"{name}: the key requirement must match its declared scope");
                Assert.IsTrue(operation.Responses!.ContainsKey("default"), $"{name}: problem details response missing");
            }
        }
    }

    [TestMethod]
    public async Task OpenApiJson_DeclaredContracts_DescribeTheRealBodies()
    {
        var json = await Platform.AnonymousClient.GetStringAsync(new Uri("api/openapi.json", UriKind.Relative), TestContext.CancellationToken);
        var (document, _) = Read(json);

        var train = document!.Paths["/api/models/{model}/train"].Operations![HttpMethod.Post];
        var trainBody = train.RequestBody!.Content!["application/json"].Schema!;
        Assert.IsTrue(trainBody.Properties!.ContainsKey("dataset"), "the training request's fields are documented");
        Assert.IsTrue(trainBody.Properties.ContainsKey("label"));
        Assert.IsTrue(train.Responses!["202"].Content!["application/json"].Schema!.Properties!.ContainsKey("progress"), "the job record with its progress");
        var version = document.Paths["/api/models/{model}/versions/{version}"].Operations![HttpMethod.Get];
        Assert.AreEqual(JsonSchemaType.Integer, version.Parameters!.Single(p => p.Name == "version").Schema!.Type);
    }

    [TestMethod]
    public async Task ModelOpenApiJson_TrainedModel_TypesItsRealFeaturesAndClasses()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("oas");
        var job = await Api.TrainIrisAsync(model, token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);

        var json = await Platform.Client.GetStringAsync(new Uri($"api/models/{model}/openapi.json", UriKind.Relative), token);
        var (document, diagnostic) = Read(json);

        Assert.IsEmpty(diagnostic.Errors, string.Join("; ", diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        var instance = document!.Components!.Schemas!["Instance"];
        CollectionAssert.AreEquivalent(new[] { "sepal_length", "sepal_width", "petal_length", "petal_width" }, instance.Properties!.Keys.ToArray());
        Assert.AreEqual(JsonSchemaType.Number | JsonSchemaType.Null, instance.Properties["sepal_length"].Type);
        var label = document.Components.Schemas["Prediction"].Properties!["label"];
        CollectionAssert.AreEquivalent(new[] { "setosa", "versicolor", "virginica" }, label.Enum!.Select(e => e!.GetValue<string>()).ToArray());
        Assert.IsTrue(document.Paths.ContainsKey($"/api/models/{model}/predict"));
    }

    [TestMethod]
    public async Task ModelOpenApiJson_UnknownModel_Is404ProblemWithoutKeyIs401()
    {
        var token = TestContext.CancellationToken;
        var (status, body) = await Api.GetAsync($"api/models/{Platform.UniqueName("none")}/openapi.json", token);
        Assert.AreEqual(HttpStatusCode.NotFound, status);
        Assert.IsTrue(body.TryGetProperty("detail", out _));
        var anonymous = await Platform.AnonymousClient.GetAsync(new Uri("api/models/iris/openapi.json", UriKind.Relative), token);
        Assert.AreEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [TestMethod]
    public async Task ApiDocs_Anonymous_ServesTheVendoredReferencePage()
    {
        var token = TestContext.CancellationToken;
        var page = await Platform.AnonymousClient.GetAsync(new Uri("api/docs/", UriKind.Relative), token);
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(token);
        StringAssert.Contains(html, "swagger-ui/swagger-ui-bundle.js");
        Assert.DoesNotContain("https://", html, "no CDN");
        var bundle = await Platform.AnonymousClient.GetAsync(new Uri("api/docs/swagger-ui/swagger-ui-bundle.js", UriKind.Relative), token);
        Assert.AreEqual(HttpStatusCode.OK, bundle.StatusCode);
        var escape = await Platform.AnonymousClient.GetAsync(new Uri("api/docs/..%2F..%2Fhost.json", UriKind.Relative), token);
        Assert.AreEqual(HttpStatusCode.NotFound, escape.StatusCode);
    }

    private static (OpenApiDocument? Document, OpenApiDiagnostic Diagnostic) Read(string json)
    {
        var settings = new OpenApiReaderSettings();
        var result = OpenApiDocument.Parse(json, "json", settings);
        return (result.Document, result.Diagnostic!);
    }
}
