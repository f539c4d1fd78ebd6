namespace AiMaas.Core.Serving.OpenInference;

/// <summary>An output asked for by name; <see cref="Binary"/> is its <c>binary_data</c> parameter when given.</summary>
public sealed record RequestedOutput(string Name, bool? Binary);
