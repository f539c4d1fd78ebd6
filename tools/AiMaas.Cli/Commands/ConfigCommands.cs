using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace AiMaas.Cli.Commands;

/// <summary><c>aimaas config set|show</c>: the per-user platform URL and key.</summary>
public static class ConfigCommands
{
    public static Command Create()
    {
        var config = new Command("config", "Where the platform is and the key to call it with");
        var set = new Command("set", $"Store --url and --key for this user ({CliSettings.FilePath})");
        set.SetAction(CliContext.Run((context, _) =>
        {
            var stored = CliSettings.ReadFile();
            var updated = new CliSettings(context.Parse.GetValue(CliApp.Url) ?? stored.Url, context.Parse.GetValue(CliApp.Key) ?? stored.Key);
            updated.Save();
            return Task.FromResult(Show(context, updated));
        }));
        var show = new Command("show", "The URL and key in effect (the key masked)");
        show.SetAction(CliContext.Run((context, _) => Task.FromResult(Show(context, context.Settings))));
        config.Subcommands.Add(set);
        config.Subcommands.Add(show);
        return config;
    }

    private static int Show(CliContext context, CliSettings settings)
    {
        var key = settings.Key is { Length: > 4 } k ? k[..4] + new string('*', Math.Min(12, k.Length - 4)) : settings.Key is null ? null : "****";
        if (context.Json)
        {
            context.WriteJson(new JsonObject { ["url"] = settings.Url, ["key"] = key, ["file"] = CliSettings.FilePath });
        }
        else
        {
            context.Console.MarkupLineInterpolated($"url  {settings.Url ?? "(not set)"}\nkey  {key ?? "(not set)"}\nfile {CliSettings.FilePath}");
        }

        return 0;
    }
}
