namespace AiMaas.Core.Serving;

/// <summary>The stored bytes of a version do not match its manifest or cannot be loaded.</summary>
public class CorruptModelException(string message, Exception? inner = null) : Exception(message, inner);
