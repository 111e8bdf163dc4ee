using AiSpm.Application.Activities;
using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Activities;

/// <summary>The ScanShard activity: collects, evaluates and records one shard; returns counts.</summary>
public sealed class ScanShard(ScanShardActivity activity)
{
    /// <summary>Runs the activity.</summary>
    [Function(ActivityNames.ScanShard)]
    public Task<ShardResult> RunAsync([ActivityTrigger] AiSpm.Core.Scans.ScanShard input, CancellationToken cancellationToken) => activity.RunAsync(input, cancellationToken);
}
