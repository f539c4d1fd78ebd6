namespace AiMaas.Core.Diagnostics;

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsHealthy => Status == "healthy";
}
