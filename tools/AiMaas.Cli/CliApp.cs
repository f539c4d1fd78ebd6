using System.CommandLine;
using AiMaas.Cli.Commands;

namespace AiMaas.Cli;

/// <summary>The <c>aimaas</c> command tree; options shared by every command are recursive.</summary>
public static class CliApp
{
    public static Option<bool> Json { get; } = new("--json") { Description = "Print JSON for scripts instead of tables", Recursive = true };

    public static Option<string?> Url { get; } = new("--url") { Description = "The platform URL (default: AIMAAS_URL, then the config file)", Recursive = true };

    public static Option<string?> Key { get; } = new("--key") { Description = "The function key (default: AIMAAS_KEY, then the config file)", Recursive = true };

    public static RootCommand Create()
    {
        var root = new RootCommand("aimaas: datasets, training with live progress, models, aliases and predictions on AiMaas");
        root.Options.Add(Json);
        root.Options.Add(Url);
        root.Options.Add(Key);
        root.Subcommands.Add(ConfigCommands.Create());
        root.Subcommands.Add(HealthCommand.Create());
        root.Subcommands.Add(DatasetCommands.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(JobCommands.Create());
        root.Subcommands.Add(ModelCommands.Create());
        root.Subcommands.Add(AliasCommands.Create());
        root.Subcommands.Add(VersionCommands.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(BatchCommands.Create());
        return root;
    }
}
