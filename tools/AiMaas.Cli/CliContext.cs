using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiMaas.Cli.Client;
using Spectre.Console;

namespace AiMaas.Cli;

/// <summary>What a command's action gets: parsed options, the API client, and output that is JSON or human tables.</summary>
public sealed class CliContext(ParseResult parse)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public ParseResult Parse { get; } = parse;

    public bool Json => Parse.GetValue(CliApp.Json);

    public CliSettings Settings => CliSettings.Load(Parse.GetValue(CliApp.Url), Parse.GetValue(CliApp.Key));

    public IAnsiConsole Console { get; } = CreateConsole();

    public ApiClient Client() => new(Settings);

    public TextWriter Out { get; } = System.Console.Out;

    public void WriteJson(JsonNode node) => Out.WriteLine(node.ToJsonString(Indented));

    // Piped into a file or another tool there is no terminal width to fit; do not wrap tables at 80 columns.
    private static IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 240;
        }

        return console;
    }

    /// <summary>Runs a command body; a <see cref="CliException"/> is one line on stderr and exit code 1, never a stack trace.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Run(Func<CliContext, CancellationToken, Task<int>> body) =>
        async (parse, cancellationToken) =>
        {
            try
            {
                return await body(new CliContext(parse), cancellationToken).ConfigureAwait(false);
            }
            catch (CliException ex)
            {
                await System.Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
            catch (IOException ex)
            {
                await System.Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
            catch (UnauthorizedAccessException ex)
            {
                await System.Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
        };
}
