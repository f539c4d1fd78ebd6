using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace AiMaas.Core.Tests.Architecture;

/// <summary>Every setting the core binds is in docs/configuration.md, so the table cannot fall behind the code.</summary>
[TestClass]
public sealed class ConfigurationTableTests
{
    // Set by the function app from host.json, never by users.
    private static readonly HashSet<string> NotUserSettings = [$"{nameof(AiMaasOptions)}.{nameof(AiMaasOptions.TrainingQueueEncoding)}"];

    [TestMethod]
    public void EveryBoundSetting_IsInTheConfigurationTable()
    {
        var table = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));
        var optionsTypes = typeof(AiMaasOptions).Assembly.GetTypes()
            .Where(t => t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .ToList();
        Assert.IsGreaterThanOrEqualTo(6, optionsTypes.Count, "the options classes were not found");

        var missing = new List<string>();
        foreach (var type in optionsTypes)
        {
            var section = ((string)type.GetField("SectionName")!.GetRawConstantValue()!).Replace(":", "__", StringComparison.Ordinal);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                if (NotUserSettings.Contains($"{type.Name}.{property.Name}"))
                {
                    continue;
                }

                // A setting is named in full, or after its section's first setting in a row that groups several ("`__Name`").
                var named = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name;
                var found = named is not null
                    ? table.Contains($"`{named}`", StringComparison.Ordinal)
                    : table.Contains($"`{section}__{property.Name}`", StringComparison.Ordinal)
                        || (table.Contains($"`__{property.Name}`", StringComparison.Ordinal) && table.Contains($"`{section}__", StringComparison.Ordinal));
                if (!found)
                {
                    missing.Add(named ?? $"{section}__{property.Name}");
                }
            }
        }

        Assert.IsEmpty(missing, $"settings missing from docs/configuration.md: {string.Join(", ", missing)}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "docs", "configuration.md")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("docs/configuration.md was not found above the test's directory.");
    }
}
