using Azure.Storage.Blobs;

namespace AiMaas.Core.PredictionLog;

/// <summary>The container the prediction log is written to and read from (its own storage account when one is configured).</summary>
public sealed record PredictionLogContainer(BlobContainerClient Client);
