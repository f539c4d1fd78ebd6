namespace AiMaas.Core.Explanations;

/// <summary>
/// Explanations of a batch as arrays: <see cref="Contributions"/> is rows × outputs × columns, <see cref="RawScores"/>
/// rows × outputs, <see cref="BaseValues"/> one per output (the same for every row).
/// </summary>
internal sealed class RawExplanations(int rows, int outputs, int columns)
{
    public int Rows { get; } = rows;

    public int Outputs { get; } = outputs;

    public int Columns { get; } = columns;

    public double[] Contributions { get; } = new double[rows * outputs * columns];

    public double[] RawScores { get; } = new double[rows * outputs];

    public double[] BaseValues { get; } = new double[outputs];

    public double Contribution(int row, int output, int column) => Contributions[(((row * Outputs) + output) * Columns) + column];

    public double RawScore(int row, int output) => RawScores[(row * Outputs) + output];
}
