namespace AiMaas.Core.Lifecycle;

/// <summary>Optional facts about a model trained elsewhere; what the model itself says wins where both speak.</summary>
public sealed record UploadMetadata
{
    /// <summary>regression, binary or multiclass; inferred from the model's outputs when absent.</summary>
    public string? Task { get; init; }

    public string? Label { get; init; }

    /// <summary>Class names in score order, for a multiclass model whose scores carry no slot names.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    public string? Trainer { get; init; }

    public string? Description { get; init; }

    /// <summary><c>never</c> (default) or <c>always</c>: whether the upload becomes the model's current version.</summary>
    public string? Promote { get; init; }

    /// <summary><c>mlnet</c> (default) or <c>onnx</c>.</summary>
    public string? Format { get; init; }

    /// <summary>ONNX only: named features, in the order they fill the feature input tensor's last dimension, for the AiMaas API and KServe V1.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>ONNX only: the input tensor the features fill; the graph's only input when absent.</summary>
    public string? Input { get; init; }

    /// <summary>ONNX only: the output read as score (regression) or probabilities (classification); chosen from the graph when absent.</summary>
    public string? Output { get; init; }
}
