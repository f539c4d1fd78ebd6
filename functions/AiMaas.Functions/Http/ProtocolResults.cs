using AiMaas.Core.Vocabulary;
using Microsoft.AspNetCore.Http;

namespace AiMaas.Functions.Http;

/// <summary>Maps core problems to the inference protocols' error shape, <c>{"error": "..."}</c>, with the same status codes as the AiMaas API.</summary>
public static class ProtocolResults
{
    public static IResult ToProtocolResult(this Problem problem) =>
        TypedResults.Json(new ProtocolError(problem.Detail), statusCode: ProblemResults.StatusCode(problem.Kind));

    public static IResult ToProtocolResult<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.Failed(out var problem) ? problem.ToProtocolResult() : onSuccess(result.Value);

    public static IResult Unavailable(string error) => TypedResults.Json(new ProtocolError(error), statusCode: StatusCodes.Status503ServiceUnavailable);
}
