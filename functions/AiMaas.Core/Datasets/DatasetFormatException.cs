namespace AiMaas.Core.Datasets;

/// <summary>The bytes are not a usable CSV dataset; the message says where and why.</summary>
public sealed class DatasetFormatException(string message) : Exception(message);
