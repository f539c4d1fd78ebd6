namespace AiMaas.IntegrationTests;

/// <summary>One hostile request of the corpus: its class (for the summary), what it is, and how to build it.</summary>
internal sealed record HostileCase(string Class, string Description, Func<HttpRequestMessage> Build);
