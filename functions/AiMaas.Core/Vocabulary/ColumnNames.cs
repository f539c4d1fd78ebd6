namespace AiMaas.Core.Vocabulary;

/// <summary>Internal column names, chosen so that they cannot clash with a dataset's own headers.</summary>
internal static class ColumnNames
{
    public const string Label = "__aimaas_label__";
    public const string Features = "__aimaas_features__";

    /// <summary>The row's number among the labelled rows: the hold-out split and the folds draw from a seeded hash of it (<c>Training/RowDraw</c>), so that a split depends on the rows alone, not on how they were read.</summary>
    public const string Row = "__aimaas_row__";
}
