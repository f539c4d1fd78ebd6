namespace AiMaas.Core.Training.Trainers;

/// <summary>The validated <c>options</c> of a training request, by name; a trainer reads the ones it declares.</summary>
public sealed class TrainerOptions(IReadOnlyDictionary<string, double> values)
{
    public static TrainerOptions None { get; } = new(new Dictionary<string, double>());

    public IReadOnlyDictionary<string, double> Values { get; } = values;

    public int? GetInt32(string name) => Values.TryGetValue(name, out var value) ? (int)value : null;

    public float? GetSingle(string name) => Values.TryGetValue(name, out var value) ? (float)value : null;

    public double? GetDouble(string name) => Values.TryGetValue(name, out var value) ? value : null;
}
