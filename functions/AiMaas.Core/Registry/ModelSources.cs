namespace AiMaas.Core.Registry;

/// <summary>How a version came to be, as its manifest's <c>source</c> says.</summary>
public static class ModelSources
{
    /// <summary>Trained by the platform from a dataset, with the platform's own featurizer.</summary>
    public const string Training = "training";

    /// <summary>Uploaded: trained elsewhere with a pipeline the platform did not make.</summary>
    public const string Upload = "upload";

    /// <summary>The <see cref="ModelManifest.Format"/> of an ONNX version.</summary>
    public const string Onnx = "onnx";

    /// <summary>The <see cref="ModelManifest.Format"/> of an ML.NET version (the default when a manifest names none).</summary>
    public const string MlNet = "mlnet";
}
