using AiMaas.Core.Serving.OpenInference;
using Microsoft.AspNetCore.Http;

namespace AiMaas.Functions.Http;

/// <summary>Sends an <see cref="EncodedInferenceResponse"/> as it is (JSON, or a JSON header and binary tensor data), then returns its buffer to the pool.</summary>
public sealed class EncodedInferenceResult(EncodedInferenceResponse response) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using (response)
        {
            var http = httpContext.Response;
            http.StatusCode = StatusCodes.Status200OK;
            http.ContentType = response.ContentType;
            http.ContentLength = response.Body.Length;
            if (response.HeaderLength is { } headerLength)
            {
                http.Headers[InferenceEnvelopeReader.HeaderLengthHeader] = headerLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await http.Body.WriteAsync(response.Body, httpContext.RequestAborted);
        }
    }
}
