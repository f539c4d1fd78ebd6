namespace AiMaas.Core.Serving.OpenInference;

/// <summary>An output tensor of an inference response (<c>$response_output</c>): <see cref="Data"/> is flat, in row-major order.</summary>
public sealed record InferenceTensor(string Name, string Datatype, IReadOnlyList<long> Shape, object Data)
{
    public IReadOnlyDictionary<string, object>? Parameters { get; init; }
}
