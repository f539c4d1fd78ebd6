using System.Globalization;

namespace AiMaas.Core.Training.Trainers;

/// <summary>A hyperparameter a trainer accepts in a request's <c>options</c>: its name, range and meaning.</summary>
public sealed record TrainerOption(string Name, double Minimum, double Maximum, bool IsInteger, string Description)
{
    /// <summary>Whether <see cref="Minimum"/> itself is excluded (a learning rate of 0 learns nothing).</summary>
    public bool MinimumExclusive { get; init; }

    /// <summary>What the README and error messages say the default is.</summary>
    public required string Default { get; init; }

    public string Range => IsInteger
        ? $"an integer from {Format(Minimum)} to {Format(Maximum)}"
        : $"a number in {(MinimumExclusive ? "(" : "[")}{Format(Minimum)}, {Format(Maximum)}]";

    /// <summary>Null when <paramref name="value"/> is allowed; otherwise what was expected.</summary>
    public string? Check(double value) =>
        !double.IsFinite(value) || value < Minimum || value > Maximum || (MinimumExclusive && value == Minimum) || (IsInteger && value != Math.Floor(value))
            ? $"expected {Range}, got {Format(value)}"
            : null;

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
