namespace AiMaas.Core.Serving;

/// <summary>A version loads, but the serving path answers its probe rows differently from the model when it was stored.</summary>
public sealed class ModelOutputMismatchException(string message) : CorruptModelException(message);
