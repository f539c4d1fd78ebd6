using System.Globalization;

namespace AiMaas.Core.Registry;

/// <summary>Blob layout of the models container.</summary>
public static class ModelPaths
{
    public static string Document(string model) => $"{model}/model.json";

    public static string VersionPrefix(string model, int version) => $"{model}/{version.ToString(CultureInfo.InvariantCulture)}/";

    public static string Artifact(string model, int version) => VersionPrefix(model, version) + "model.zip";

    public static string OnnxArtifact(string model, int version) => VersionPrefix(model, version) + "model.onnx";

    public static string Probe(string model, int version) => VersionPrefix(model, version) + "probe.json";

    public static string Manifest(string model, int version) => VersionPrefix(model, version) + "manifest.json";

    public static string Reservation(string model, string jobId) => $"{model}/reservations/{jobId}.json";
}
