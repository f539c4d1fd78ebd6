using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Support;

/// <summary>Reads a <see cref="Result{T}"/> a test expects to have succeeded, or to have failed.</summary>
internal static class Results
{
    /// <summary>The value, or the test fails with the problem's detail.</summary>
    public static T Succeeded<T>(this Result<T> result) =>
        result.Failed(out var problem) ? throw new AssertFailedException($"expected a value, got the problem: {problem.Detail}") : result.Value;

    /// <summary>The problem, or the test fails.</summary>
    public static Problem Problem<T>(this Result<T> result) =>
        result.Failed(out var problem) ? problem : throw new AssertFailedException($"expected a problem, got the value {result.Value}");
}
