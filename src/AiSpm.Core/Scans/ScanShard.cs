namespace AiSpm.Core.Scans;

/// <summary>
/// One unit of a scan's fan-out, carried by one queue message: a batch of subscriptions for Resource Graph, or one
/// resource for a targeted re-scan. Processing a shard twice records the same findings (idempotent).
/// </summary>
/// <param name="RunId">The scan run.</param>
/// <param name="Index">0-based position in the run's plan; a shard is completed at most once per run.</param>
/// <param name="Kind">What the shard covers.</param>
/// <param name="Subscriptions">Subscriptions of an <see cref="ScanShardKind.AzureSubscriptions"/> shard.</param>
/// <param name="ResourceId">The resource of a <see cref="ScanShardKind.AzureResource"/> shard; the environment of a <see cref="ScanShardKind.PowerPlatformEnvironment"/> one.</param>
public sealed record ScanShard(string RunId, int Index, ScanShardKind Kind, IReadOnlyList<string> Subscriptions, string? ResourceId = null);
