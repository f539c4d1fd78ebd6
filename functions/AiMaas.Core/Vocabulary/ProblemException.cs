namespace AiMaas.Core.Vocabulary;

/// <summary>
/// Carries an expected failure (a malformed row, a body over its limit) out of code that cannot return a value: a
/// <see cref="Stream"/>'s <c>Read</c>, or an enumerator or <c>IDataView</c> cursor that a parser or ML.NET pulls. It is
/// the only exception the core throws for an expected failure; the code that started the read catches it and answers
/// its <see cref="Problem"/>. Everywhere a method can return, it returns a <see cref="Result{T}"/> instead.
/// </summary>
public sealed class ProblemException(Problem problem) : Exception(problem.Detail)
{
    public Problem Problem { get; } = problem;
}
