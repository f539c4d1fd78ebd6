namespace AiMaas.Core.Training;

public enum TaskKind
{
    Regression,
    Binary,
    Multiclass,
}
