namespace AiMaas.Core.Registry;

/// <summary>
/// The distribution of one feature over the training rows, the reference drift is measured against. Numbers: bin edges at
/// the deciles and the share of non-missing values in each bin (<c>(-inf, e1], (e1, e2], ..., (eN, +inf)</c>). Text: the
/// most frequent categories with their shares and the share of all others.
/// </summary>
public sealed record FeatureStatistics
{
    public required string Name { get; init; }

    public required ColumnKind Type { get; init; }

    public required long Rows { get; init; }

    /// <summary>Share of rows where the value is missing.</summary>
    public required double MissingShare { get; init; }

    public IReadOnlyList<double>? Edges { get; init; }

    public IReadOnlyList<double>? Proportions { get; init; }

    public IReadOnlyDictionary<string, double>? Categories { get; init; }

    /// <summary>Share of non-missing values in categories not listed in <see cref="Categories"/>.</summary>
    public double? OtherShare { get; init; }

    /// <summary>Whether <see cref="Categories"/> lists every category seen in training, so any other value is unseen.</summary>
    public bool? AllCategoriesListed { get; init; }
}
