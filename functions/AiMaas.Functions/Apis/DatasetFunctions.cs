using AiMaas.Core.Access;
using AiMaas.Core.Datasets;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class DatasetFunctions(DatasetStore datasets)
{
    [RequiresScope(Scopes.DatasetsWrite, Audit = "dataset.written")]
    [Function(nameof(PutDataset))]
    [ApiContract(typeof(string), typeof(DatasetDescription), RequestMediaType = "text/csv")]
    public async Task<IResult> PutDataset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/datasets/{*dataset}")] HttpRequest request,
        string dataset,
        CancellationToken cancellationToken) =>
        (await datasets.PutAsync(dataset, request.Body, cancellationToken, request.ContentLength)).ToHttpResult(TypedResults.Ok);

    [RequiresScope(Scopes.DatasetsRead)]
    [Function(nameof(GetDataset))]
    [ApiContract(null, typeof(DatasetDescription))]
    public async Task<IResult> GetDataset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/datasets/{*dataset}")] HttpRequest request,
        string dataset,
        CancellationToken cancellationToken) =>
        (await datasets.DescribeAsync(dataset, cancellationToken)).ToHttpResult(TypedResults.Ok);
}
