using System.Globalization;

namespace AiMaas.Core.Serving.OpenInference;

/// <summary>An infer request's body as it arrives, with its <c>Inference-Header-Content-Length</c> (binary tensor data extension) when sent.</summary>
public sealed record InferenceBody(Stream Content, long? HeaderLength = null)
{
    /// <summary>The body with the header's value as sent (null or empty when absent); a problem when it is not a length.</summary>
    public static Result<InferenceBody> From(Stream content, string? headerLength)
    {
        if (string.IsNullOrEmpty(headerLength))
        {
            return new InferenceBody(content);
        }

        return long.TryParse(headerLength, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            ? new InferenceBody(content, length)
            : Problem.Invalid(InferenceEnvelopeReader.HeaderLengthHeader, "expected the length in bytes of the JSON header that precedes the binary tensor data");
    }
}
