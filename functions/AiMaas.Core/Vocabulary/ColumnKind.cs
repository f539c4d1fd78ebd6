namespace AiMaas.Core.Vocabulary;

public enum ColumnKind
{
    /// <summary>Every non-empty value parses as a number; empty values are missing.</summary>
    Number,

    /// <summary>Categorical text.</summary>
    Text,
}
