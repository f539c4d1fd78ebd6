using System.Reflection;

namespace AiMaas.LocalRuntime.Discovery;

/// <summary>One function as its attributes declare it; the same facts the Functions SDK writes to functions.metadata.</summary>
public sealed record FunctionDescriptor(string Name, MethodInfo Method, TriggerKind Trigger, ParameterInfo TriggerParameter)
{
    public string EntryPoint => $"{Method.DeclaringType!.FullName}.{Method.Name}";

    /// <summary>HTTP: authorization level name as in functions.metadata (Anonymous, Function, Admin, ...).</summary>
    public string? AuthLevel { get; init; }

    /// <summary>HTTP: lower-case methods; empty means every method.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary>HTTP: the route template below the host's route prefix.</summary>
    public string? Route { get; init; }

    /// <summary>Queue: the queue name as declared, possibly a %setting% reference.</summary>
    public string? QueueName { get; init; }

    /// <summary>Queue: the name of the storage connection setting.</summary>
    public string? Connection { get; init; }
}
