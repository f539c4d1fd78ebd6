using System.Globalization;
using AiMaas.Core.Serving;
using AiMaas.LocalRuntime;
using AiMaas.LocalRuntime.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Usage: AiMaas.LocalRuntime [--port 7071] [--settings path/to/local.settings.json]
// Where start-up time goes (bench/cold.sh reads the "Started:" line).
var mainEntered = StartupClock.SinceProcessStart();
// With AIMAAS_STARTUP_PRIMER=true the first prediction's ML.NET and JSON code warms up on the second core while the host builds.
var primer = StartupPrimer.Start();
var port = 7071;
string? settingsPath = null;
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--port":
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--settings":
            settingsPath = Path.GetFullPath(args[++i]);
            break;
    }
}

settingsPath ??= new[] { Path.Combine(Environment.CurrentDirectory, LocalSettingsFile.FileName), Path.Combine(AppContext.BaseDirectory, LocalSettingsFile.FileName) }
    .FirstOrDefault(File.Exists);

var app = LocalFunctionsHost.Build(new LocalHostSettings { LocalSettingsPath = settingsPath, Port = port });
var built = StartupClock.SinceProcessStart();
app.Lifetime.ApplicationStarted.Register(() =>
    app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalFunctionsHost)).Started(mainEntered, built, StartupClock.SinceProcessStart()));
_ = primer?.ContinueWith(
    task =>
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalFunctionsHost));
        if (task.Exception is { } exception)
        {
            logger.PrimerFailed(exception.GetBaseException());
        }
        else
        {
            logger.PrimerFinished(StartupClock.SinceProcessStart());
        }
    },
    TaskScheduler.Default);
await app.RunAsync();
