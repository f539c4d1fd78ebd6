namespace AiMaas.Core.Access;

/// <summary>Checks a <see cref="CreateKeyRequest"/> field by field.</summary>
public static class CreateKeyRequestValidator
{
    public const int MaxNameLength = 100;
    public const int MaxScopes = 100;
    public const double MaxRate = 1_000_000;

    public static Problem? Validate(CreateKeyRequest? request, DateTimeOffset now)
    {
        if (request is null)
        {
            return Problem.Invalid("body", "expected a JSON object with 'name' and 'scopes'");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength || request.Name.Any(char.IsControl))
        {
            errors["name"] = [$"expected 1-{MaxNameLength} characters without control characters"];
        }

        if (request.Scopes is not { Count: > 0 and <= MaxScopes })
        {
            errors["scopes"] = [$"expected 1-{MaxScopes} scopes"];
        }
        else
        {
            for (var i = 0; i < request.Scopes.Count; i++)
            {
                Scopes.Check(request.Scopes[i], $"scopes[{i}]").AddTo(errors);
            }
        }

        if (request.ExpiresAt is { } expiry && expiry <= now)
        {
            errors["expiresAt"] = ["expected a time in the future"];
        }

        CheckRate(errors, "limits.requestsPerSecond", request.Limits?.RequestsPerSecond);
        CheckRate(errors, "limits.rowsPerSecond", request.Limits?.RowsPerSecond);
        return errors.Count == 0 ? null : Problem.Invalid(errors);
    }

    private static void CheckRate(Dictionary<string, string[]> errors, string field, double? rate)
    {
        if (rate is { } value && !(value >= 0.01 && value <= MaxRate))
        {
            errors[field] = [$"expected a number from 0.01 to {MaxRate}"];
        }
    }
}
