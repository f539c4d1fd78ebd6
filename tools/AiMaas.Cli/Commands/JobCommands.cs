using System.CommandLine;
using AiMaas.Cli.Client;
using Spectre.Console;

namespace AiMaas.Cli.Commands;

/// <summary><c>aimaas jobs show JOBID [--wait]</c>.</summary>
public static class JobCommands
{
    public static Command Create()
    {
        var jobs = new Command("jobs", "Training jobs");
        var id = new Argument<string>("JOBID");
        var wait = new Option<bool>("--wait") { Description = "Follow the job to its end; exit 1 if it fails" };
        var show = new Command("show", "A job's status, progress, metrics and promotion");
        show.Arguments.Add(id);
        show.Options.Add(wait);
        show.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            using var client = context.Client();
            var job = context.Parse.GetValue(wait)
                ? await JobView.FollowAsync(context, client, context.Parse.GetValue(id)!, TimeSpan.FromSeconds(1), cancellationToken)
                : await client.GetAsync($"api/jobs/{ApiClient.Escape(context.Parse.GetValue(id)!)}", cancellationToken);
            if (JobView.IsFinished(job))
            {
                JobView.WriteResult(context, job);
            }
            else if (context.Json)
            {
                context.WriteJson(job);
            }
            else
            {
                context.Console.WriteLine(JobView.Describe(job));
            }

            return (string?)job["status"] == "failed" ? 1 : 0;
        }));
        jobs.Subcommands.Add(show);
        return jobs;
    }
}
