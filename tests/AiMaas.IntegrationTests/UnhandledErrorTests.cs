using System.Text.Json;
using AiMaas.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.IntegrationTests;

[TestClass]
public sealed class UnhandledErrorTests
{
    [TestMethod]
    public async Task UnhandledErrorResponse_IsProblemDetailsWithoutInternals()
    {
        // The function app's worker middleware and the local runtime's exception handler both write this response.
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        using var body = new MemoryStream();
        context.Response.Body = body;

        await UnhandledErrors.Response().ExecuteAsync(context);

        Assert.AreEqual(500, context.Response.StatusCode);
        StringAssert.StartsWith(context.Response.ContentType, "application/problem+json");
        using var problem = JsonDocument.Parse(body.ToArray());
        Assert.AreEqual(UnhandledErrors.Title, problem.RootElement.GetProperty("title").GetString());
        Assert.AreEqual(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.AreEqual(UnhandledErrors.Detail, problem.RootElement.GetProperty("detail").GetString());
    }
}
