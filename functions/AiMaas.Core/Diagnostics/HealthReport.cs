namespace AiMaas.Core.Diagnostics;

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks)
{
    public bool IsHealthy => Status == "healthy";
}
