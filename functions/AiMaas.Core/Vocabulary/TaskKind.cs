namespace AiMaas.Core.Vocabulary;

public enum TaskKind
{
    Regression,
    Binary,
    Multiclass,
}
