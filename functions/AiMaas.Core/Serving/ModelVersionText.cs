using System.Globalization;

namespace AiMaas.Core.Serving;

/// <summary>Versions in protocol URLs are strings; AiMaas versions are positive integers.</summary>
public static class ModelVersionText
{
    /// <summary>A reference to <paramref name="model"/> at <paramref name="version"/> (its current version when null), or 404 for a version that cannot exist.</summary>
    public static Result<ModelReference> ToReference(string model, string? version)
    {
        if (version is null)
        {
            return new ModelReference(model);
        }

        return int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? new ModelReference(model, number)
            : Problem.NotFound($"Version '{(version.Length > 20 ? version[..20] + "…" : version)}' of model '{model}' does not exist; versions are positive integers.");
    }
}
