namespace AiSpm.Core.DataClassification;

/// <summary>
/// What a bounded sample of a blob container that feeds AI held: how much was listed and read, what was skipped, and
/// per detector id the sensitive content found. Counts, blob names and masked hints only; never content.
/// </summary>
public sealed record ContainerSample
{
    /// <summary>Hints kept per type.</summary>
    public const int HintsPerType = 3;

    /// <summary>Blob names kept per type.</summary>
    public const int BlobsPerType = 5;

    /// <summary>Blobs the listing returned (at most one listing page is read).</summary>
    public int BlobsListed { get; init; }

    /// <summary>True when the container holds more blobs than the listing read.</summary>
    public bool ListingTruncated { get; init; }

    /// <summary>Blobs read (newest text-like ones first).</summary>
    public int BlobsRead { get; init; }

    /// <summary>Bytes read.</summary>
    public long BytesRead { get; init; }

    /// <summary>Blobs skipped for being larger than the per-blob limit.</summary>
    public int SkippedTooLarge { get; init; }

    /// <summary>Blobs skipped for not being text (by content type and extension).</summary>
    public int SkippedNotText { get; init; }

    /// <summary>The HTTP status of a refused listing (403 without Storage Blob Data Reader), or null when it was read.</summary>
    public int? RefusedStatus { get; init; }

    /// <summary>Why sampling stopped early (the scan's byte or container budget), or null.</summary>
    public string? StoppedBy { get; init; }

    /// <summary>Per detector id, what was found.</summary>
    public IReadOnlyDictionary<string, SampledType> Types { get; init; } = new Dictionary<string, SampledType>();

    /// <summary>Adds what one blob held to <paramref name="types"/> (hints and blob names bounded).</summary>
    public static void Add(Dictionary<string, SampledType> types, string blobName, IEnumerable<(string DetectorId, string Hint)> found)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(found);
        foreach (var group in found.GroupBy(f => f.DetectorId, StringComparer.Ordinal))
        {
            var before = types.GetValueOrDefault(group.Key) ?? new SampledType(0, [], []);
            types[group.Key] = new SampledType(
                before.Count + group.Count(),
                [.. before.Hints.Concat(group.Select(g => g.Hint)).Distinct(StringComparer.Ordinal).Take(HintsPerType)],
                [.. before.Blobs.Append(blobName).Distinct(StringComparer.Ordinal).Take(BlobsPerType)]);
        }
    }
}
