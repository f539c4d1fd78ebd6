using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests;

/// <summary>One model per task, trained once for the protocol tests that only read them.</summary>
internal static class ProtocolModels
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (string Regression, string Binary, string Multiclass)? s_models;

    public const string HousesInstance = """{"size_sqm":120,"bedrooms":3,"age_years":null,"neighborhood":"west"}""";

    public const string ChurnInstance = """{"tenure_months":2,"monthly_charges":110,"contract":"monthly","support_calls":8}""";

    public static async Task<(string Regression, string Binary, string Multiclass)> GetAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (s_models is null)
            {
                var regression = Platform.UniqueName("p-houses");
                var binary = Platform.UniqueName("p-churn");
                var multiclass = Platform.UniqueName("p-iris");
                var jobs = await Task.WhenAll(
                    Api.TrainAsync(regression, new { csv = SampleData.Read("houses.csv"), label = "price" }, cancellationToken),
                    Api.TrainAsync(binary, new { csv = string.Join('\n', SampleData.Read("churn.csv").Split('\n').Take(201)), label = "churned" }, cancellationToken),
                    Api.TrainAsync(multiclass, new { csv = SampleData.Read("iris.csv"), label = "species" }, cancellationToken));
                foreach (var job in jobs)
                {
                    Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
                }

                s_models = (regression, binary, multiclass);
            }

            return s_models.Value;
        }
        finally
        {
            Gate.Release();
        }
    }
}
