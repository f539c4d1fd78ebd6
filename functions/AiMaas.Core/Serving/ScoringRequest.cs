using System.Text.Json;

namespace AiMaas.Core.Serving;

/// <summary>A predict call's parsed body and the loaded model it is for. Dispose it to release the body.</summary>
public sealed class ScoringRequest(JsonDocument body, LoadedModel model) : IDisposable
{
    public JsonElement Body => body.RootElement;

    public LoadedModel Model { get; } = model;

    public void Dispose() => body.Dispose();
}
