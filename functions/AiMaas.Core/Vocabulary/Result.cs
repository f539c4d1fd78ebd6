using System.Diagnostics.CodeAnalysis;

namespace AiMaas.Core.Vocabulary;

/// <summary>Either a value or the <see cref="Vocabulary.Problem"/> that prevented it; expected failures are values, not exceptions.</summary>
/// <remarks>
/// Check with <see cref="Failed"/> (or <see cref="IsFailure"/>) before reading <see cref="Value"/>: the compiler then
/// knows which of the two is set, so callers never need <c>!</c>.
/// </remarks>
public readonly struct Result<T>
{
    private Result(T? value, Problem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }

    public Problem? Problem { get; }

    // The constructors set exactly one of Value and Problem, which the compiler cannot see through; hence CS8775 is off here.
#pragma warning disable CS8775
    [MemberNotNullWhen(true, nameof(Problem))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool IsFailure => Problem is not null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Problem problem) => new(default, problem);

    /// <summary>True, with the problem, when this is a failure; otherwise <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Failed([NotNullWhen(true)] out Problem? problem)
    {
        problem = Problem;
        return problem is not null;
    }
#pragma warning restore CS8775
}
