namespace AiSpm.Core.Scans;

/// <summary>Splits a scan into shards: subscription batches for full scans, one resource for targeted re-scans.</summary>
public static class ScanPlanner
{
    /// <summary>
    /// The environment of a Power Platform shard planned when the environments could not be listed: the shard lists
    /// them again and records why it could not, so the gap shows in the run.
    /// </summary>
    public const string AnyEnvironment = "*";

    /// <summary>
    /// Shards of a full scan: subscriptions (deduplicated, ordered) in batches of at most <paramref name="subscriptionsPerShard"/>,
    /// plus one shard for the directory when <paramref name="includeDirectory"/> is set, one per Power Platform
    /// environment, and one for the Azure access of every subscription (<see cref="ScanShardKind.AzureAccess"/>) when
    /// <paramref name="includeAccess"/> is set and there is a subscription.
    /// </summary>
    public static IReadOnlyList<ScanShard> PlanFullScan(string runId, IEnumerable<string> subscriptions, int subscriptionsPerShard, bool includeDirectory = false, IEnumerable<string>? environments = null, bool includeAccess = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentOutOfRangeException.ThrowIfLessThan(subscriptionsPerShard, 1);
        var ids = subscriptions
            .Select(s => s.Trim().ToLowerInvariant())
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var shards = ids
            .Chunk(subscriptionsPerShard)
            .Select((batch, index) => new ScanShard(runId, index, ScanShardKind.AzureSubscriptions, batch))
            .ToList();
        if (includeDirectory)
        {
            shards.Add(new ScanShard(runId, shards.Count, ScanShardKind.Directory, []));
        }

        foreach (var environment in (environments ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            shards.Add(new ScanShard(runId, shards.Count, ScanShardKind.PowerPlatformEnvironment, [], environment));
        }

        if (includeAccess && ids.Count > 0)
        {
            shards.Add(new ScanShard(runId, shards.Count, ScanShardKind.AzureAccess, ids));
        }

        return shards;
    }

    /// <summary>The single shard of a targeted re-scan of one resource.</summary>
    public static IReadOnlyList<ScanShard> PlanResourceScan(string runId, string resourceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(resourceId);
        var subscription = Inventory.AzureAi.ArmId.SubscriptionOf(resourceId);
        return [new ScanShard(runId, 0, ScanShardKind.AzureResource, subscription.Length > 0 ? [subscription] : [], resourceId)];
    }
}
