using AiSpm.Core.Scans;
using AiSpm.Application.Scanning;
using AiSpm.Workflows.Models;

namespace AiSpm.Application.Activities;

/// <summary>The <c>ScanShard</c> activity: collects, evaluates and records one shard; returns counts only.</summary>
public sealed class ScanShardActivity(ScanCoordinator coordinator)
{
    /// <summary>Runs the activity. A shard the run does not know is a gap at once (retrying cannot help).</summary>
    public async Task<ShardResult> RunAsync(ScanShard shard, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shard);
        try
        {
            var scan = await coordinator.ScanShardAsync(shard, cancellationToken).ConfigureAwait(false);
            var recorded = scan.Recorded;
            return new ShardResult(shard.Index, recorded.Created + recorded.Updated + recorded.Reopened + recorded.Unchanged, scan.Resolved, scan.Assets, scan.Failed, Tally: scan.Tally);
        }
        catch (ShardRejectedException ex)
        {
            return ShardResult.Gap(shard.Index, ex.Message);
        }
    }
}
