namespace AiMaas.Core;

/// <summary>Either a value or the <see cref="Problem"/> that prevented it; expected failures are values, not exceptions.</summary>
public readonly struct Result<T>
{
    private Result(T? value, Problem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }

    public Problem? Problem { get; }

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Problem problem) => new(default, problem);
}
