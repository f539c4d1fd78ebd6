namespace AiMaas.LocalRuntime.Discovery;

/// <summary>
/// Which triggers one local-runtime process hosts. Flex Consumption scales functions per group (every HTTP function in
/// one group, each queue-triggered function on instances of its own), so in Azure a serving instance never runs a
/// training; <c>AIMAAS_RUNTIME_TRIGGERS=http</c> and <c>=queue</c> let local processes split the same way.
/// </summary>
public static class TriggerSelection
{
    public const string Setting = "AIMAAS_RUNTIME_TRIGGERS";

    /// <summary>The functions of the kinds named in <paramref name="value"/> (comma-separated <c>http</c>, <c>queue</c>); empty or unset: all.</summary>
    /// <exception cref="InvalidOperationException">A kind that does not exist: a typo must not start an instance that silently serves nothing.</exception>
    public static IReadOnlyList<FunctionDescriptor> Select(IReadOnlyList<FunctionDescriptor> functions, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return functions;
        }

        var kinds = new HashSet<TriggerKind>();
        foreach (var name in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Enum.TryParse<TriggerKind>(name, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                throw new InvalidOperationException(
                    $"{Setting} must list trigger kinds from {string.Join(", ", Enum.GetNames<TriggerKind>().Select(n => n.ToLowerInvariant()))}, comma-separated; '{name}' is not one.");
            }

            kinds.Add(kind);
        }

        return [.. functions.Where(f => kinds.Contains(f.Trigger))];
    }
}
