namespace AiSpm.Connectors.Collection;

/// <summary>
/// The bounds of the opt-in sample of blob containers that feed AI (<c>AISPM_DATA_SAMPLING=On</c>): per container one
/// listing page and at most <see cref="MaxBlobsPerContainer"/> text-like blobs of at most <see cref="MaxBlobBytes"/>
/// each, newest first; per collection (a scan shard) at most <see cref="MaxContainers"/> containers and
/// <see cref="MaxBytesPerCollection"/> bytes.
/// </summary>
public sealed class DataSamplingOptions
{
    /// <summary>Blobs read per container (newest text-like first).</summary>
    public int MaxBlobsPerContainer { get; set; } = 20;

    /// <summary>Largest blob read; larger ones are skipped and counted.</summary>
    public long MaxBlobBytes { get; set; } = 1024 * 1024;

    /// <summary>Blobs listed per container (one listing page).</summary>
    public int MaxListedBlobs { get; set; } = 5000;

    /// <summary>Containers sampled per collection; the rest are left unsampled and say so.</summary>
    public int MaxContainers { get; set; } = 100;

    /// <summary>Bytes read per collection; past it, sampling stops and says so.</summary>
    public long MaxBytesPerCollection { get; set; } = 64L * 1024 * 1024;
}
