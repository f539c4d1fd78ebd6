using System.Text.Json;

namespace AiMaas.Core.PredictionLog;

/// <summary>The prediction log's API: a model's logging settings (ETag-guarded) and paging through its logged records.</summary>
public sealed class PredictionLogService(
    LoggingSettingsStore store,
    LoggingSettingsCache cache,
    PredictionRecordSerializer serializer,
    PredictionLogReader reader,
    TimeProvider time)
{
    private const int MaxRedactedFeatures = 1000;

    public async Task<Result<VersionedLoggingSettings>> GetSettingsAsync(string model, CancellationToken cancellationToken)
    {
        if (Identifiers.CheckModelName(model) is { } nameError)
        {
            return nameError;
        }

        return await store.GetAsync(model, cancellationToken).ConfigureAwait(false) is { } settings
            ? settings
            : Problem.NotFound($"Model '{model}' does not exist.");
    }

    public async Task<Result<VersionedLoggingSettings>> PutSettingsAsync(string model, Stream body, string? ifMatch, CancellationToken cancellationToken)
    {
        if (Identifiers.CheckModelName(model) is { } nameError)
        {
            return nameError;
        }

        LoggingSettingsRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<LoggingSettingsRequest>(body, AiMaasJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Problem.Invalid("body", $"malformed JSON or a field of the wrong type: {ex.Message}");
        }

        var validated = Validate(request);
        if (validated.Failed(out var problem))
        {
            return problem;
        }

        var written = await store.PutAsync(model, validated.Value, ifMatch, cancellationToken).ConfigureAwait(false);
        if (written.Value is { } settings)
        {
            cache.Set(model, settings.Settings);
        }

        return written;
    }

    public async Task<Result<PredictionLogPage>> ReadAsync(
        string model, string? from, string? to, string? limit, string? continuationToken, CancellationToken cancellationToken)
    {
        var query = PredictionLogQuery.Parse(model, from, to, limit, continuationToken, time.GetUtcNow());
        if (query.Failed(out var problem))
        {
            return problem;
        }

        return await reader.ReadAsync(query.Value, cancellationToken).ConfigureAwait(false);
    }

    private Result<LoggingSettings> Validate(LoggingSettingsRequest? request)
    {
        if (request is null)
        {
            return Problem.Invalid("body", "expected a JSON object, e.g. {\"enabled\": true, \"samplingRate\": 0.1}");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.SamplingRate is { } rate && (double.IsNaN(rate) || rate < 0 || rate > 1))
        {
            errors["samplingRate"] = ["expected a number from 0 to 1 (the share of requests recorded)"];
        }

        var redact = request.Redact ?? [];
        if (redact.Count > MaxRedactedFeatures)
        {
            errors["redact"] = [$"expected at most {MaxRedactedFeatures} feature names"];
        }

        for (var i = 0; i < redact.Count; i++)
        {
            if (string.IsNullOrEmpty(redact[i]))
            {
                errors[$"redact[{i}]"] = ["expected a feature name"];
            }
        }

        if (request.Redaction == Redaction.Hmac && !serializer.CanHmac)
        {
            errors["redaction"] = [$"'hmac' needs the setting {PredictionLogOptions.SectionName}:HmacKey (at least 32 characters); use 'drop' or configure the key"];
        }

        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }

        var defaults = LoggingSettings.Disabled;
        return new LoggingSettings
        {
            Enabled = request.Enabled ?? defaults.Enabled,
            SamplingRate = request.SamplingRate ?? defaults.SamplingRate,
            CaptureInputs = request.CaptureInputs ?? defaults.CaptureInputs,
            CaptureOutputs = request.CaptureOutputs ?? defaults.CaptureOutputs,
            Redact = redact.Select(r => r!).Distinct(StringComparer.Ordinal).ToArray(),
            Redaction = request.Redaction ?? defaults.Redaction,
            Compression = request.Compression ?? defaults.Compression,
        };
    }
}
