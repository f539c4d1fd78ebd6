using System.Collections.Immutable;
using System.Text.Json;
using AiMaas.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiMaas.IntegrationTests;

[TestClass]
public sealed class UnhandledErrorTests
{
    private const string Secret = "connection string with AccountKey=hunter2";

    [TestMethod]
    public async Task HttpFunctionThatThrows_AnswersProblemDetailsWithoutInternals_UnderTheWorkerMiddleware()
    {
        var http = NewHttpContext();
        var function = new TestFunctionContext(http);

        await new UnhandledExceptionMiddleware(NullLogger<UnhandledExceptionMiddleware>.Instance)
            .Invoke(function, _ => throw new InvalidOperationException(Secret));

        AssertProblem(http);
    }

    [TestMethod]
    public async Task QueueFunctionThatThrows_Rethrows_SoTheHostRetriesAndPoisonsItsMessage()
    {
        var function = new TestFunctionContext(http: null);

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => new UnhandledExceptionMiddleware(NullLogger<UnhandledExceptionMiddleware>.Instance)
            .Invoke(function, _ => throw new InvalidOperationException(Secret)));
    }

    [TestMethod]
    public async Task HttpFunctionThatThrowsAfterItsResponseStarted_Rethrows_RatherThanWriteASecondResponse()
    {
        var http = NewHttpContext();
        http.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(new StartedResponse());
        var function = new TestFunctionContext(http);

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => new UnhandledExceptionMiddleware(NullLogger<UnhandledExceptionMiddleware>.Instance)
            .Invoke(function, _ => throw new InvalidOperationException(Secret)));
    }

    [TestMethod]
    public async Task LocalRuntimeExceptionHandler_WritesTheSameResponse()
    {
        // The local runtime's UseExceptionHandler writes the same IResult as the worker middleware.
        var http = NewHttpContext();

        await UnhandledErrors.Response().ExecuteAsync(http);

        AssertProblem(http);
    }

    private static DefaultHttpContext NewHttpContext()
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        return http;
    }

    private static void AssertProblem(DefaultHttpContext http)
    {
        Assert.AreEqual(500, http.Response.StatusCode);
        StringAssert.StartsWith(http.Response.ContentType, "application/problem+json");
        var body = ((MemoryStream)http.Response.Body).ToArray();
        Assert.DoesNotContain("hunter2", System.Text.Encoding.UTF8.GetString(body));
        using var problem = JsonDocument.Parse(body);
        Assert.AreEqual(UnhandledErrors.Title, problem.RootElement.GetProperty("title").GetString());
        Assert.AreEqual(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.AreEqual(UnhandledErrors.Detail, problem.RootElement.GetProperty("detail").GetString());
    }

    /// <summary>What the ASP.NET Core integration hands the worker middleware: the request's HttpContext in the invocation's items.</summary>
    private sealed class TestFunctionContext(HttpContext? http) : FunctionContext
    {
        public override string InvocationId => "test-invocation";

        public override string FunctionId => "test-function";

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext => throw new NotSupportedException();

        public override Microsoft.Azure.Functions.Worker.RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = new ServiceCollection().BuildServiceProvider();

        public override FunctionDefinition FunctionDefinition { get; } = new TestFunctionDefinition();

        public override IDictionary<object, object> Items { get; set; } =
            http is null ? new Dictionary<object, object>() : new Dictionary<object, object> { ["HttpRequestContext"] = http };

        public override IInvocationFeatures Features => throw new NotSupportedException();
    }

    private sealed class TestFunctionDefinition : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => "";

        public override string EntryPoint => "Test.Run";

        public override string Id => "test-function";

        public override string Name => "Test";

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    private sealed class StartedResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
