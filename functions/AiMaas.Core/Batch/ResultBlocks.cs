using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace AiMaas.Core.Batch;

/// <summary>
/// The job's two outputs as block blobs, one block per chunk, committed after each chunk. The committed block list of
/// <c>predictions.csv</c> is the job's checkpoint: each block id names its chunk and the running totals of rows scored and
/// failed, so a redelivered job knows exactly where to continue, and a chunk staged but not committed is simply redone.
/// </summary>
public sealed class ResultBlocks
{
    private readonly BlockBlobClient _predictions;
    private readonly BlockBlobClient _errors;
    private readonly List<string> _predictionBlocks = [];
    private readonly List<string> _errorBlocks = [];
    private bool _errorsStale = true;

    private ResultBlocks(BlockBlobClient predictions, BlockBlobClient errors)
    {
        _predictions = predictions;
        _errors = errors;
    }

    /// <summary>Chunks committed so far.</summary>
    public int Chunks { get; private set; }

    public long RowsScored { get; private set; }

    public long RowsFailed { get; private set; }

    public static async Task<ResultBlocks> OpenAsync(BlockBlobClient predictions, BlockBlobClient errors, CancellationToken cancellationToken)
    {
        var blocks = new ResultBlocks(predictions, errors);
        var committed = await CommittedAsync(predictions, cancellationToken).ConfigureAwait(false);
        blocks._predictionBlocks.AddRange(committed);
        if (committed.Count > 0)
        {
            var last = Decode(committed[^1]);
            blocks.Chunks = last.Chunk + 1;
            blocks.RowsScored = last.Scored;
            blocks.RowsFailed = last.Failed;
        }

        // Error blocks of a chunk whose predictions never got committed belong to a chunk that will be redone.
        blocks._errorBlocks.AddRange((await CommittedAsync(errors, cancellationToken).ConfigureAwait(false)).Where(id => Decode(id).Chunk < blocks.Chunks));
        return blocks;
    }

    /// <summary>Stages and commits one chunk: errors first, then predictions, whose commit is what makes the chunk done.</summary>
    public async Task CommitAsync(ReadOnlyMemory<byte> csv, ReadOnlyMemory<byte> errors, int scored, int failed, CancellationToken cancellationToken)
    {
        var chunk = Chunks;
        var id = Encode(chunk, RowsScored + scored, RowsFailed + failed);
        if (errors.Length > 0)
        {
            var errorId = Encode(chunk, 0, 0);
            await StageAsync(_errors, errorId, errors, cancellationToken).ConfigureAwait(false);
            _errorBlocks.Add(errorId);
        }

        // Committed on the first chunk of an attempt too: it creates the blob, and drops blocks of a chunk being redone.
        if (errors.Length > 0 || _errorsStale)
        {
            await _errors.CommitBlockListAsync(_errorBlocks, new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" } }, cancellationToken).ConfigureAwait(false);
            _errorsStale = false;
        }

        await StageAsync(_predictions, id, csv, cancellationToken).ConfigureAwait(false);
        _predictionBlocks.Add(id);
        await _predictions.CommitBlockListAsync(_predictionBlocks, new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" } }, cancellationToken).ConfigureAwait(false);
        Chunks++;
        RowsScored += scored;
        RowsFailed += failed;
    }

    private static async Task StageAsync(BlockBlobClient blob, string id, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var stream = AsStream(content);
        await blob.StageBlockAsync(id, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);

    private static async Task<List<string>> CommittedAsync(BlockBlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var list = await blob.GetBlockListAsync(BlockListTypes.Committed, cancellationToken: cancellationToken).ConfigureAwait(false);
            return list.Value.CommittedBlocks.Select(b => b.Name).ToList();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
    }

    // Block ids of one blob must all have the same length: fixed-width fields.
    private static string Encode(int chunk, long scored, long failed) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"c{chunk:D8}s{scored:D15}f{failed:D15}")));

    private static (int Chunk, long Scored, long Failed) Decode(string id)
    {
        var text = Encoding.ASCII.GetString(Convert.FromBase64String(id));
        return (int.Parse(text.AsSpan(1, 8), CultureInfo.InvariantCulture),
            long.Parse(text.AsSpan(10, 15), CultureInfo.InvariantCulture),
            long.Parse(text.AsSpan(26, 15), CultureInfo.InvariantCulture));
    }
}
