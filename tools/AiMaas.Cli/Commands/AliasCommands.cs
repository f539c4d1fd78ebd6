using System.CommandLine;
using System.Text.Json.Nodes;
using AiMaas.Cli.Client;
using Spectre.Console;

namespace AiMaas.Cli.Commands;

/// <summary><c>aimaas alias set MODEL ALIAS VERSION</c> and <c>aimaas alias rm MODEL ALIAS</c>: promote and roll back.</summary>
public static class AliasCommands
{
    public static Command Create()
    {
        var alias = new Command("alias", "Point aliases (current, staging...) at versions: promote and roll back");
        var model = new Argument<string>("MODEL");
        var name = new Argument<string>("ALIAS");
        var version = new Argument<int>("VERSION");

        var set = new Command("set", "Point ALIAS at VERSION (alias 'current' is what plain predict serves)");
        set.Arguments.Add(model);
        set.Arguments.Add(name);
        set.Arguments.Add(version);
        set.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            using var client = context.Client();
            var result = await client.SendJsonAsync(
                HttpMethod.Put,
                $"api/models/{ApiClient.Escape(context.Parse.GetValue(model)!)}/aliases/{ApiClient.Escape(context.Parse.GetValue(name)!)}",
                new JsonObject { ["version"] = context.Parse.GetValue(version) },
                cancellationToken);
            Write(context, result, $"{context.Parse.GetValue(name)} → {context.Parse.GetValue(version)}");
            return 0;
        }));

        var rmModel = new Argument<string>("MODEL");
        var rmName = new Argument<string>("ALIAS");
        var rm = new Command("rm", "Remove an alias");
        rm.Arguments.Add(rmModel);
        rm.Arguments.Add(rmName);
        rm.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            using var client = context.Client();
            var result = await client.DeleteAsync(
                $"api/models/{ApiClient.Escape(context.Parse.GetValue(rmModel)!)}/aliases/{ApiClient.Escape(context.Parse.GetValue(rmName)!)}",
                cancellationToken);
            Write(context, result, $"{context.Parse.GetValue(rmName)} removed");
            return 0;
        }));

        alias.Subcommands.Add(set);
        alias.Subcommands.Add(rm);
        return alias;
    }

    private static void Write(CliContext context, JsonNode result, string done)
    {
        if (context.Json)
        {
            context.WriteJson(result);
        }
        else
        {
            context.Console.MarkupLineInterpolated($"{(string?)result["name"]}: {done}");
        }
    }
}
