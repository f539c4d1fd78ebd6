using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace AiMaas.Core.Vocabulary;

/// <summary>Rules for model names and job ids, which become blob paths; a broken rule is the same problem everywhere.</summary>
public static partial class Identifiers
{
    public const string ModelNameRule = "a model name is 1-63 letters, digits, '-', '_' or '.', starting with a letter or digit";

    public const string JobIdRule = "a job id is 1-64 letters, digits, '-' or '_'";

    public static bool IsModelName([NotNullWhen(true)] string? name) => name is not null && ModelName().IsMatch(name);

    public static bool IsJobId([NotNullWhen(true)] string? jobId) => jobId is not null && JobId().IsMatch(jobId);

    /// <summary>Null when <paramref name="name"/> is a valid model name; otherwise the problem, naming <paramref name="field"/>.</summary>
    public static Problem? CheckModelName(string? name, string field = "model") =>
        IsModelName(name) ? null : Problem.Invalid(field, ModelNameRule);

    /// <summary>Null when <paramref name="jobId"/> is a valid job id; otherwise the problem, naming <paramref name="field"/>.</summary>
    public static Problem? CheckJobId(string? jobId, string field = "jobId") =>
        IsJobId(jobId) ? null : Problem.Invalid(field, JobIdRule);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")]
    private static partial Regex ModelName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex JobId();
}
