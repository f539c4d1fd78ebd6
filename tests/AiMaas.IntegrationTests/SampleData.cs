namespace AiMaas.IntegrationTests;

internal static class SampleData
{
    public static string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", file));

    public const string IrisInstance = """{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}""";
}
