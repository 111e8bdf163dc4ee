using AiSpm.Core.Findings;

namespace AiSpm.Core.Scans;

/// <summary>The finding scopes a shard covers, so closing a run resolves only what it looked at.</summary>
public static class ScanScopes
{
    /// <summary>The scopes of a shard: its subscriptions.</summary>
    public static IReadOnlyList<string> Of(ScanShard shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return shard.Kind switch
        {
            ScanShardKind.Directory => [FindingScope.Tenant],
            ScanShardKind.PowerPlatformEnvironment => shard.ResourceId is { } environment && environment != ScanPlanner.AnyEnvironment ? [FindingScope.ForEnvironment(environment)] : [],
            _ => shard.Subscriptions.Select(FindingScope.ForSubscription).ToList(),
        };
    }
}
