using System.CommandLine;
using Spectre.Console;

namespace AiMaas.Cli.Commands;

/// <summary><c>aimaas health</c>: whether the platform and its storage answer.</summary>
public static class HealthCommand
{
    public static Command Create()
    {
        var health = new Command("health", "Whether the platform and its storage answer");
        health.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            using var client = context.Client();
            var report = await client.GetAsync("api/health", cancellationToken);
            if (context.Json)
            {
                context.WriteJson(report);
            }
            else
            {
                context.Console.MarkupLineInterpolated($"[green]healthy[/] {client.BaseAddress}");
            }

            return 0;
        }));
        return health;
    }
}
