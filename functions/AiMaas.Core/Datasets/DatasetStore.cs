using AiMaas.Core.Storage;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Datasets;

/// <summary>Datasets are CSV, gzip CSV or Parquet blobs in the datasets container; a dataset is only stored if it parses.</summary>
public sealed class DatasetStore(AiMaasStorage storage, IOptions<AiMaasOptions> options)
{
    /// <summary>Streams the body to a temporary file (never whole in memory), checks it reads as the format its name says (.csv, .csv.gz, .parquet), then uploads the file.</summary>
    public async Task<Result<DatasetDescription>> PutAsync(string name, Stream body, CancellationToken cancellationToken, long? declaredLength = null)
    {
        if (DatasetNames.Check(name) is { } nameError)
        {
            return nameError;
        }

        // Refused before a byte is read, so a client that sent Expect: 100-continue never sends the body and reads this answer.
        if (declaredLength > options.Value.MaxDatasetBytes)
        {
            return BodyTooLarge();
        }

        var path = TempPath();
        try
        {
            var copied = await CopyToFileAsync(body, path, options.Value.MaxDatasetBytes, decompress: false, name, cancellationToken).ConfigureAwait(false);
            if (copied.Failed(out var copyProblem))
            {
                return copyProblem;
            }

            var (sha, size) = copied.Value;
            if (sha is null)
            {
                return BodyTooLarge();
            }

            DatasetProfile profile;
            try
            {
                profile = ProfileFile(path, name);
            }
            catch (Exception ex) when (ex is ProblemException or InvalidDataException)
            {
                return Problem.Invalid("body", ex.Message);
            }

            var blob = storage.Datasets.GetBlobClient(name);
            var upload = File.OpenRead(path);
            await using var disposeUpload = upload.ConfigureAwait(false);
            var response = await blob.UploadAsync(
                upload,
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = DatasetFormats.ContentType(name) } },
                cancellationToken).ConfigureAwait(false);
            return Describe(name, profile, sha, size, response.Value.LastModified);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public async Task<Result<DatasetDescription>> DescribeAsync(string name, CancellationToken cancellationToken)
    {
        if (DatasetNames.Check(name) is { } nameError)
        {
            return nameError;
        }

        var downloaded = await DownloadToFileAsync(name, cancellationToken).ConfigureAwait(false);
        if (downloaded.Failed(out var problem))
        {
            return problem;
        }

        var file = downloaded.Value;
        try
        {
            return Describe(name, ProfileFile(file.Path, DatasetFormats.IsParquet(name) ? name : "plain.csv"), file.Sha256, file.SizeBytes, file.LastModified);
        }
        catch (Exception ex) when (ex is ProblemException or InvalidDataException)
        {
            return Problem.Invalid("dataset", $"Dataset '{name}' is stored but is not a valid dataset: {ex.Message}");
        }
        finally
        {
            File.Delete(file.Path);
        }
    }

    /// <summary>
    /// Streams the dataset to a local temporary file, decompressed when it is gzip, hashing the stored bytes on the way.
    /// Not found, larger than <see cref="AiMaasOptions.MaxDatasetBytes"/> and not valid gzip are problems. The caller
    /// deletes the file.
    /// </summary>
    public async Task<Result<DownloadedDataset>> DownloadToFileAsync(string name, CancellationToken cancellationToken)
    {
        Azure.Storage.Blobs.Models.BlobDownloadStreamingResult download;
        try
        {
            download = (await storage.Datasets.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return Problem.NotFound($"Dataset '{name}' does not exist in container '{storage.Datasets.Name}'; upload it first (PUT /api/datasets/{name}).");
        }

        using (download)
        {
            if (download.Details.ContentLength > options.Value.MaxDatasetBytes)
            {
                return Problem.Invalid("dataset", $"Dataset '{name}' has {download.Details.ContentLength} bytes, more than the limit of {options.Value.MaxDatasetBytes} (AiMaas:MaxDatasetBytes).");
            }

            var path = TempPath();
            try
            {
                var copied = await CopyToFileAsync(download.Content, path, options.Value.MaxDatasetBytes, decompress: true, name, cancellationToken).ConfigureAwait(false);
                if (copied.Failed(out var problem))
                {
                    File.Delete(path);
                    return problem;
                }

                if (copied.Value.Sha256 is not { } sha)
                {
                    File.Delete(path);
                    // The blob said it fits (checked above) but held more: the same problem as one that says so.
                    return Problem.Invalid("dataset", $"Dataset '{name}' has more bytes than the limit of {options.Value.MaxDatasetBytes} (AiMaas:MaxDatasetBytes).");
                }

                return new DownloadedDataset(path, sha, copied.Value.Size, download.Details.LastModified);
            }
            catch
            {
                File.Delete(path);
                throw;
            }
        }
    }

    private Problem BodyTooLarge() =>
        Problem.TooLarge($"The dataset exceeds the limit of {options.Value.MaxDatasetBytes} bytes (AiMaas:MaxDatasetBytes).");

    private static string TempPath() => Path.Combine(Path.GetTempPath(), $"aimaas-dataset-{Guid.NewGuid():N}");

    /// <summary>Copies at most <paramref name="limit"/> bytes of <paramref name="source"/> to <paramref name="path"/>; the SHA-256 of the bytes as stored, or null past the limit.</summary>
    private static async Task<Result<(string? Sha256, long Size)>> CopyToFileAsync(Stream source, string path, long limit, bool decompress, string name, CancellationToken cancellationToken)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var counted = new HashingStream(source, hash, limit);
        var target = File.Create(path);
        await using var disposeTarget = target.ConfigureAwait(false);
        var readable = decompress ? DatasetFormats.OpenCsv(name, counted) : counted;
        await using (readable.ConfigureAwait(false))
        {
            try
            {
                await readable.CopyToAsync(target, 1 << 16, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                return Problem.Invalid("dataset", $"Dataset '{name}' is not valid gzip: {ex.Message}");
            }
        }

        (string? Sha256, long Size) copied = (counted.Exceeded ? null : Convert.ToHexStringLower(hash.GetHashAndReset()), counted.Length);
        return copied;
    }

    private static DatasetProfile ProfileFile(string path, string name)
    {
        using var records = DatasetFormats.OpenFile(path, name);
        return DatasetProfiler.Profile(records);
    }

    private static DatasetDescription Describe(string name, DatasetProfile profile, string sha256, long size, DateTimeOffset? lastModified) =>
        new(name, profile.Rows, profile.Columns, sha256, size, lastModified);
}
