namespace AiMaas.Core.Registry;

/// <summary>The version number a training job holds, so that its redeliveries publish the same version.</summary>
public sealed record VersionReservation(string JobId, int Version);
