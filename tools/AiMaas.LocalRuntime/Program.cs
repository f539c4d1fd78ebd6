using System.Globalization;
using AiMaas.LocalRuntime;
using AiMaas.LocalRuntime.Settings;

// Usage: AiMaas.LocalRuntime [--port 7071] [--settings path/to/local.settings.json]
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
await app.RunAsync();
