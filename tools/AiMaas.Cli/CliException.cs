namespace AiMaas.Cli;

/// <summary>A failure the user can act on, printed as one line (the server's problem details, or what was wrong locally).</summary>
public sealed class CliException(string message) : Exception(message);
