namespace AiMaas.Core.PredictionLog;

/// <summary>What happens to the value of a redacted feature before a record is written.</summary>
public enum Redaction
{
    /// <summary>The feature is left out of the record.</summary>
    Drop,

    /// <summary>The value is replaced by a keyed HMAC-SHA256, so equal values can still be joined but not read.</summary>
    Hmac,
}
