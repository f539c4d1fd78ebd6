using AiMaas.Core.Vocabulary;
using Microsoft.AspNetCore.Http;

namespace AiMaas.Functions.Http;

/// <summary>Maps core problems to RFC 7807 responses.</summary>
public static class ProblemResults
{
    public static IResult ToHttpResult(this Problem problem) => problem switch
    {
        { Kind: ProblemKind.Invalid, Errors: { } errors } => TypedResults.ValidationProblem(errors, problem.Detail, title: problem.Title),
        _ => TypedResults.Problem(problem.Detail, statusCode: StatusCode(problem.Kind), title: problem.Title),
    };

    public static IResult ToHttpResult<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.Failed(out var problem) ? problem.ToHttpResult() : onSuccess(result.Value);

    internal static int StatusCode(ProblemKind kind) => ProblemStatus.Of(kind);
}
