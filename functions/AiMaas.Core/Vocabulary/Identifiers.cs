using System.Text.RegularExpressions;

namespace AiMaas.Core.Vocabulary;

/// <summary>Rules for names that become blob paths.</summary>
public static partial class Identifiers
{
    public static string? ValidateModelName(string? name) =>
        name is not null && ModelName().IsMatch(name)
            ? null
            : "a model name is 1-63 letters, digits, '-', '_' or '.', starting with a letter or digit";

    public static string? ValidateJobId(string? jobId) =>
        jobId is not null && JobId().IsMatch(jobId)
            ? null
            : "a job id is 1-64 letters, digits, '-' or '_'";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")]
    private static partial Regex ModelName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex JobId();
}
