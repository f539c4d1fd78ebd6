namespace AiMaas.Core.Training;

/// <summary>Internal column names, chosen so that they cannot clash with a dataset's own headers.</summary>
internal static class ColumnNames
{
    public const string Label = "__aimaas_label__";
    public const string Features = "__aimaas_features__";
}
