namespace AiMaas.Core.Data;

/// <summary>Reads request bodies into memory without ever holding more than a limit.</summary>
public static class LimitedStreams
{
    /// <summary>All of <paramref name="body"/>, or a 413 problem naming <paramref name="what"/> as soon as it passes <paramref name="limit"/> bytes.</summary>
    public static async Task<Result<byte[]>> ReadAllAsync(Stream body, long limit, string what, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return Problem.TooLarge($"The {what} exceeds the upload limit of {limit} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
