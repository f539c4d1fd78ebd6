using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AiMaas.Cli.Client;
using Spectre.Console;

namespace AiMaas.Cli.Commands;

/// <summary><c>aimaas versions rm MODEL VERSION</c> and <c>aimaas versions upload MODEL FILE.zip</c>.</summary>
public static class VersionCommands
{
    public static Command Create()
    {
        var versions = new Command("versions", "Delete a version, or register a model zip trained elsewhere");
        var model = new Argument<string>("MODEL");
        var version = new Argument<int>("VERSION");
        var rm = new Command("rm", "Delete a version (refused while an alias points at it)");
        rm.Arguments.Add(model);
        rm.Arguments.Add(version);
        rm.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            using var client = context.Client();
            await client.DeleteAsync($"api/models/{ApiClient.Escape(context.Parse.GetValue(model)!)}/versions/{context.Parse.GetValue(version)}", cancellationToken);
            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["model"] = context.Parse.GetValue(model), ["version"] = context.Parse.GetValue(version), ["deleted"] = true });
            }
            else
            {
                context.Console.MarkupLineInterpolated($"{context.Parse.GetValue(model)} version {context.Parse.GetValue(version)} deleted");
            }

            return 0;
        }));

        var uploadModel = new Argument<string>("MODEL");
        var zip = new Argument<FileInfo>("FILE") { Description = "An ML.NET model zip" };
        var upload = new Command("upload", "Register an ML.NET model zip trained elsewhere as a new version");
        upload.Arguments.Add(uploadModel);
        upload.Arguments.Add(zip);
        upload.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            var file = context.Parse.GetValue(zip)!;
            if (!file.Exists)
            {
                throw new CliException($"File '{file.FullName}' does not exist.");
            }

            using var client = context.Client();
            await using var stream = file.OpenRead();
            var content = new ProgressStreamContent(stream, _ => { });
            content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            var manifest = await client.SendContentAsync(HttpMethod.Post, $"api/models/{ApiClient.Escape(context.Parse.GetValue(uploadModel)!)}/versions", content, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(manifest);
            }
            else
            {
                context.Console.MarkupLineInterpolated($"{(string?)manifest["model"]} version {(int?)manifest["version"]} registered ({(string?)manifest["task"]})");
            }

            return 0;
        }));

        versions.Subcommands.Add(rm);
        versions.Subcommands.Add(upload);
        return versions;
    }
}
