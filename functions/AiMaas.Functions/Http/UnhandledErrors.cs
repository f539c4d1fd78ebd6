using Microsoft.AspNetCore.Http;

namespace AiMaas.Functions.Http;

/// <summary>
/// The one answer to an exception no code expected, under the Functions host (<see cref="UnhandledExceptionMiddleware"/>)
/// and the local runtime alike: RFC 7807 problem details that say nothing about the internals.
/// </summary>
public static class UnhandledErrors
{
    public const string Title = "Internal server error";

    public const string Detail = "The request failed unexpectedly; the error has been logged. Try again, and report it if it persists.";

    public static IResult Response() =>
        TypedResults.Problem(Detail, statusCode: StatusCodes.Status500InternalServerError, title: Title, type: "https://tools.ietf.org/html/rfc9110#section-15.6.1");
}
