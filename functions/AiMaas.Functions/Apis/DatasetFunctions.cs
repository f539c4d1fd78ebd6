using AiMaas.Core.Datasets;
using AiMaas.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class DatasetFunctions(DatasetStore datasets)
{
    [Function(nameof(PutDataset))]
    public async Task<IResult> PutDataset(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "api/datasets/{*dataset}")] HttpRequest request,
        string dataset,
        CancellationToken cancellationToken) =>
        (await datasets.PutAsync(dataset, request.Body, cancellationToken)).ToHttpResult(TypedResults.Ok);

    [Function(nameof(GetDataset))]
    public async Task<IResult> GetDataset(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/datasets/{*dataset}")] HttpRequest request,
        string dataset,
        CancellationToken cancellationToken) =>
        (await datasets.DescribeAsync(dataset, cancellationToken)).ToHttpResult(TypedResults.Ok);
}
