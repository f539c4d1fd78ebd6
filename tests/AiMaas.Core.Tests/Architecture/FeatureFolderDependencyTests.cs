using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace AiMaas.Core.Tests.Architecture;

/// <summary>
/// Feature folders of the core depend on each other in one direction only, read from the compiled IL (method bodies
/// included), so that a maintainer can learn the core bottom-up and change a lower folder without a circle back.
/// </summary>
[TestClass]
public sealed class FeatureFolderDependencyTests
{
    private const string CoreNamespace = "AiMaas.Core";

    /// <summary>What each folder may use besides itself and the shared vocabulary; lower layers first.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Vocabulary"] = [],
        ["Diagnostics"] = [],
        ["Data"] = ["Diagnostics"],
        ["Storage"] = ["Diagnostics"],
        ["Datasets"] = ["Diagnostics", "Data", "Storage"],
        ["Registry"] = ["Diagnostics", "Data", "Storage"],
        ["Jobs"] = ["Diagnostics", "Storage", "Registry"],
        ["Health"] = ["Diagnostics", "Storage"],
        ["Access"] = ["Diagnostics", "Data", "Storage"],
        ["Serving"] = ["Diagnostics", "Data", "Storage", "Registry"],
        ["Evaluation"] = ["Diagnostics", "Data", "Registry", "Serving"],
        ["Lifecycle"] = ["Diagnostics", "Data", "Storage", "Registry", "Serving"],
        ["PredictionLog"] = ["Diagnostics", "Data", "Storage", "Registry", "Serving"],
        ["Explanations"] = ["Diagnostics", "Data", "Storage", "Registry", "Serving", "Evaluation"],
        ["Drift"] = ["Diagnostics", "Data", "Datasets", "Storage", "Registry", "Jobs", "Serving", "PredictionLog", "Batch"],
        ["Batch"] = ["Diagnostics", "Data", "Datasets", "Storage", "Registry", "Jobs", "Serving"],
        ["Training"] = ["Diagnostics", "Data", "Datasets", "Storage", "Registry", "Jobs", "Serving", "Evaluation", "Explanations", "Drift", "Lifecycle"],
        ["Audit"] = ["Diagnostics", "Storage", "Registry", "Access", "Jobs", "Training"],
    };

    private static readonly Lazy<Dictionary<string, HashSet<string>>> Uses = new(ReadFolderDependencies);

    /// <summary>One type-level use behind each folder-level use, so that a failure names the line to change.</summary>
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal);

    [TestMethod]
    public void EveryFeatureFolder_HasDeclaredDirections()
    {
        var undeclared = Uses.Value.Keys.Where(folder => !Allowed.ContainsKey(folder)).ToArray();

        Assert.IsEmpty(undeclared, $"Declare the allowed dependencies of: {string.Join(", ", undeclared)}");
    }

    [TestMethod]
    public void FeatureFolders_UseOnlyTheFoldersBelowThem()
    {
        var violations = Uses.Value
            .SelectMany(entry => entry.Value
                .Where(target => target != "Vocabulary" && !Allowed.GetValueOrDefault(entry.Key, []).Contains(target))
                .Select(target => $"{entry.Key} -> {target} ({Examples.GetValueOrDefault(entry.Key + "->" + target)})"))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.IsEmpty(violations, "Feature folders used in a direction not allowed: " + string.Join("; ", violations));
    }

    [TestMethod]
    public void AllowedDirections_HaveNoCircle()
    {
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);

        foreach (var folder in Allowed.Keys)
        {
            Assert.IsTrue(Visit(folder, visiting, done), $"The allowed directions form a circle through {folder}");
        }
    }

    [TestMethod]
    public void DependencyReader_SeesKnownUses()
    {
        // Guards the tests above against passing vacuously: training certainly reads the registry and serving.
        Assert.IsTrue(Uses.Value.TryGetValue("Training", out var training));
        Assert.Contains("Registry", training);
        Assert.Contains("Serving", training);
    }

    private static bool Visit(string folder, HashSet<string> visiting, HashSet<string> done)
    {
        if (done.Contains(folder))
        {
            return true;
        }

        if (!visiting.Add(folder))
        {
            return false;
        }

        var acyclic = Allowed.GetValueOrDefault(folder, []).All(next => Visit(next, visiting, done));
        done.Add(folder);
        return acyclic;
    }

    private static Dictionary<string, HashSet<string>> ReadFolderDependencies()
    {
        var architecture = new ArchLoader().LoadAssemblies(typeof(AiMaasOptions).Assembly).Build();
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in architecture.Types)
        {
            if (FolderOf(type) is not { } folder)
            {
                continue;
            }

            var targets = uses.TryGetValue(folder, out var set) ? set : uses[folder] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var dependency in type.Dependencies)
            {
                if (dependency.Target is not GenericParameter && FolderOf(dependency.Target) is { } target && target != folder)
                {
                    targets.Add(target);
                    Examples.TryAdd(folder + "->" + target, $"{type.FullName} uses {dependency.Target.FullName}");
                }
            }
        }

        return uses;
    }

    /// <summary>The first namespace segment under the core; null for the composition root and for other assemblies.</summary>
    private static string? FolderOf(IType type)
    {
        var ns = type.Namespace?.FullName ?? "";
        return ns.StartsWith(CoreNamespace + ".", StringComparison.Ordinal) ? ns[(CoreNamespace.Length + 1)..].Split('.')[0] : null;
    }
}
