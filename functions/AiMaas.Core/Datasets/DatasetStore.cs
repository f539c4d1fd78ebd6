using AiMaas.Core.Data;
using AiMaas.Core.Storage;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Datasets;

/// <summary>Datasets are CSV blobs in the datasets container; a dataset is only stored if it parses.</summary>
public sealed class DatasetStore(AiMaasStorage storage, IOptions<AiMaasOptions> options)
{
    public async Task<Result<DatasetDescription>> PutAsync(string name, Stream body, CancellationToken cancellationToken)
    {
        if (DatasetNames.Validate(name) is { } nameError)
        {
            return Problem.Invalid("dataset", nameError);
        }

        var bytes = await LimitedStreams.ReadAllAsync(body, options.Value.MaxDatasetBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return Problem.TooLarge($"The dataset exceeds the limit of {options.Value.MaxDatasetBytes} bytes.");
        }

        CsvTable table;
        try
        {
            table = CsvTableReader.Read(new MemoryStream(bytes, writable: false));
        }
        catch (DatasetFormatException ex)
        {
            return Problem.Invalid("body", ex.Message);
        }

        var blob = storage.Datasets.GetBlobClient(name);
        var response = await blob.UploadAsync(
            BinaryData.FromBytes(bytes),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" } },
            cancellationToken).ConfigureAwait(false);
        return Describe(name, table, bytes, response.Value.LastModified);
    }

    public async Task<Result<DatasetDescription>> DescribeAsync(string name, CancellationToken cancellationToken)
    {
        if (DatasetNames.Validate(name) is { } nameError)
        {
            return Problem.Invalid("dataset", nameError);
        }

        try
        {
            var content = await DownloadAsync(name, cancellationToken).ConfigureAwait(false);
            if (content is null)
            {
                return Problem.NotFound($"Dataset '{name}' does not exist in container '{storage.Datasets.Name}'.");
            }

            var table = CsvTableReader.Read(new MemoryStream(content.Value.Bytes, writable: false));
            return Describe(name, table, content.Value.Bytes, content.Value.LastModified);
        }
        catch (DatasetFormatException ex)
        {
            return Problem.Invalid("dataset", $"Dataset '{name}' is stored but is not a valid CSV: {ex.Message}");
        }
    }

    /// <summary>The dataset's bytes, or null when it does not exist.</summary>
    /// <exception cref="DatasetFormatException">The blob is larger than <see cref="AiMaasOptions.MaxDatasetBytes"/>.</exception>
    public async Task<(byte[] Bytes, DateTimeOffset LastModified)?> DownloadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            // Streaming, so that a blob dropped in by a storage tool is measured before it is read into memory.
            var response = await storage.Datasets.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            using var download = response.Value;
            if (download.Details.ContentLength > options.Value.MaxDatasetBytes)
            {
                throw new DatasetFormatException(
                    $"Dataset '{name}' has {download.Details.ContentLength} bytes, more than the limit of {options.Value.MaxDatasetBytes}.");
            }

            using var buffer = new MemoryStream((int)download.Details.ContentLength);
            await download.Content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return (buffer.ToArray(), download.Details.LastModified);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static DatasetDescription Describe(string name, CsvTable table, byte[] bytes, DateTimeOffset? lastModified) =>
        new(name, table.Rows.Count, ColumnTypeInference.Infer(table), ContentHash.Sha256(bytes), bytes.LongLength, lastModified);
}
