using AiMaas.Core.Data;
using AiMaas.Core.Registry;

namespace AiMaas.Core.Training;

/// <summary>The one place a trained model becomes a version's manifest, so training, benchmarks and tests describe a version alike.</summary>
public static class TrainedManifest
{
    /// <summary>
    /// The manifest of <paramref name="trained"/> stored as <paramref name="version"/> of <paramref name="model"/>: what it
    /// learned, from which data, and its artifact's hash. Training adds what only a job knows (job id, probe, statistics).
    /// </summary>
    public static ModelManifest Create(
        string model, int version, string label, TrainedModel trained, DatasetReference dataset, DateTimeOffset createdAt, string platformVersion) => new()
    {
        Model = model,
        Version = version,
        Task = trained.Task,
        Label = label,
        Features = trained.Features,
        Classes = trained.Classes,
        Metrics = trained.Metrics,
        Dataset = dataset,
        Trainer = trained.Trainer,
        Split = trained.Split,
        Tuning = trained.Tuning,
        Artifact = new ArtifactReference(ModelPaths.Artifact(model, version), ContentHash.Sha256(trained.Zip), trained.Zip.LongLength),
        CreatedAt = createdAt,
        TrainingSeconds = 0,
        PlatformVersion = platformVersion,
    };
}
