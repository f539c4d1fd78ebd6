using System.Text.Json;
using AiMaas.LocalRuntime;
using AiMaas.LocalRuntime.Discovery;
using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.IntegrationTests;

/// <summary>The local runtime must run exactly what the Functions host would: the table the SDK generates at build.</summary>
[TestClass]
public sealed class FunctionTableTests
{
    [TestMethod]
    public void RuntimeFunctionTable_EqualsGeneratedFunctionsMetadata()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        var expected = metadata.RootElement.EnumerateArray().Select(Describe).Order(StringComparer.Ordinal).ToArray();

        var actual = LocalFunctionsHost.Functions.Select(Describe).Order(StringComparer.Ordinal).ToArray();

        Assert.IsNotEmpty(expected);
        CollectionAssert.AreEqual(expected, actual);
    }

    [TestMethod]
    public void EveryFunctionClass_IsCreatableFromTheAppServices()
    {
        foreach (var type in LocalFunctionsHost.Functions.Select(f => f.Method.DeclaringType!).Distinct())
        {
            Assert.IsNotNull(ActivatorUtilities.CreateInstance(Platform.Services, type), type.Name);
        }
    }

    private static string Describe(JsonElement function)
    {
        var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        var type = trigger.GetProperty("type").GetString();
        var name = function.GetProperty("name").GetString();
        var entryPoint = function.GetProperty("entryPoint").GetString();
        return type == "httpTrigger"
            ? $"{name}|{entryPoint}|http|{trigger.GetProperty("authLevel").GetString()}|{string.Join(',', trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()))}|{trigger.GetProperty("route").GetString()}"
            : $"{name}|{entryPoint}|queue|{trigger.GetProperty("queueName").GetString()}|{trigger.GetProperty("connection").GetString()}";
    }

    private static string Describe(FunctionDescriptor function) => function.Trigger == TriggerKind.Http
        ? $"{function.Name}|{function.EntryPoint}|http|{function.AuthLevel}|{string.Join(',', function.Methods)}|{function.Route}"
        : $"{function.Name}|{function.EntryPoint}|queue|{function.QueueName}|{function.Connection}";
}
