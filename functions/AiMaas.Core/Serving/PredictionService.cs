using System.Text.Json;
using AiMaas.Core.Training;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving;

/// <summary>Answers predict calls from cached models: resolve the version, validate instances against the model's schema, score.</summary>
public sealed class PredictionService(ModelCache cache, AliasResolver aliases, IOptions<AiMaasOptions> options)
{
    public async Task<Result<PredictionResponse>> PredictAsync(ModelReference reference, Stream body, CancellationToken cancellationToken)
    {
        var model = reference.Model;
        if (Identifiers.ValidateModelName(model) is { } nameError)
        {
            return Problem.Invalid("model", nameError);
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Problem.Invalid("body", $"malformed JSON: {ex.Message}");
        }

        using (document)
        {
            var resolved = reference.Version ?? await aliases.ResolveAsync(model, reference.EffectiveAlias, cancellationToken).ConfigureAwait(false);
            if (resolved is null)
            {
                return Problem.NotFound($"Model '{model}' does not exist or has no alias '{reference.EffectiveAlias}'.");
            }

            LoadedModel? loaded;
            try
            {
                loaded = await cache.GetAsync(new ModelKey(model, resolved.Value), cancellationToken).ConfigureAwait(false);
            }
            catch (CorruptModelException ex)
            {
                return Problem.Corrupt(ex.Message);
            }

            if (loaded is null)
            {
                return Problem.NotFound($"Version {resolved} of model '{model}' does not exist.");
            }

            var input = InstanceReader.Read(document.RootElement, loaded.InputSchema, options.Value.MaxInstancesPerRequest);
            if (input.Problem is { } problem)
            {
                return problem;
            }

            var scored = loaded.Transformer.Transform(input.Value!);
            var predictions = OutputReader.Read(scored, loaded.Manifest, (int)input.Value!.GetRowCount()!.Value);
            return new PredictionResponse(model, resolved.Value, predictions);
        }
    }
}
