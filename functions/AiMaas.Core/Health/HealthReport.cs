namespace AiMaas.Core.Health;

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsHealthy => Status == "healthy";
}
