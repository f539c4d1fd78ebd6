using System.ComponentModel.DataAnnotations;

namespace AiMaas.Core.Storage;

/// <summary>
/// Test-only fault injection (<c>AiMaas:FaultInjection</c>): when <see cref="FailBlobWriteUnder"/> is set, the
/// <see cref="FailBlobWriteNumber"/>-th blob write under that "container/prefix" fails once, as a storage 500 would.
/// Never set in production; unset, no policy is added to the pipeline at all.
/// </summary>
public sealed class BlobWriteFaultOptions
{
    public const string SectionName = "AiMaas:FaultInjection";

    public string? FailBlobWriteUnder { get; set; }

    [Range(1, int.MaxValue)]
    public int FailBlobWriteNumber { get; set; } = 1;
}
