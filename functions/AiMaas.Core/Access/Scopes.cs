namespace AiMaas.Core.Access;

/// <summary>
/// The scopes a key may hold: <c>predict:{model}</c>, <c>train:{model}</c>, <c>manage:{model}</c> (each with <c>*</c> for
/// every model), <c>datasets:read</c>, <c>datasets:write</c> and <c>admin</c>, which grants everything.
/// </summary>
public static class Scopes
{
    public const string Admin = "admin";
    public const string DatasetsRead = "datasets:read";
    public const string DatasetsWrite = "datasets:write";
    public const string Predict = "predict";
    public const string Train = "train";
    public const string Manage = "manage";
    public const string AllModels = "*";

    public static readonly IReadOnlyList<string> ModelActions = [Predict, Train, Manage];

    public static string ForModel(string action, string model) => $"{action}:{model}";

    public const string ScopeRule = "expected 'predict:{model}', 'train:{model}' or 'manage:{model}' (a model name or '*'), 'datasets:read', 'datasets:write' or 'admin'";

    /// <summary>Null when <paramref name="scope"/> is one a key may hold; otherwise the problem, naming <paramref name="field"/>, as the name rules answer.</summary>
    public static Problem? Check(string? scope, string field = "scope") => IsScope(scope) ? null : Problem.Invalid(field, ScopeRule);

    private static bool IsScope(string? scope)
    {
        if (scope is Admin or DatasetsRead or DatasetsWrite)
        {
            return true;
        }

        var colon = scope?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon > 0 && ModelActions.Contains(scope![..colon]))
        {
            var model = scope[(colon + 1)..];
            return model == AllModels || Identifiers.IsModelName(model);
        }

        return false;
    }

    /// <summary>Whether the <paramref name="held"/> scopes grant <paramref name="required"/> (an exact scope, never a wildcard).</summary>
    public static bool Grants(IReadOnlyCollection<string> held, string required)
    {
        if (held.Contains(Admin) || held.Contains(required))
        {
            return true;
        }

        var colon = required.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && ModelActions.Contains(required[..colon]) && held.Contains(ForModel(required[..colon], AllModels));
    }
}
