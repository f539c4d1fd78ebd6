namespace AiMaas.Core.Vocabulary;

/// <summary>Gathers the field errors of several checks, so that one answer names every wrong field.</summary>
public static class FieldErrors
{
    /// <summary>Adds the field errors of <paramref name="problem"/> (nothing when it is null) to <paramref name="errors"/>.</summary>
    public static void AddTo(this Problem? problem, IDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in problem?.Errors ?? new Dictionary<string, string[]>())
        {
            errors[field] = messages;
        }
    }
}
