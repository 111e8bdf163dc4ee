using System.Security.Cryptography;
using System.Text;
using AiSpm.Workflows.Models;
using Microsoft.DurableTask;

namespace AiSpm.Workflows.Orchestrations;

/// <summary>
/// The re-scan of one resource after a change event, serialised per resource: its instance id is derived from the
/// resource id, so two scans of one resource never run at once. An event that arrives while the scan runs is raised
/// to it (<see cref="ChangedEvent"/>); when the pass ends, the instance makes one more pass for all such events
/// together, so the last pass always reads the resource as it is after the last change.
/// </summary>
public static class ResourceScanOrchestration
{
    /// <summary>The orchestration's name.</summary>
    public const string Name = "ResourceScan";

    /// <summary>The external event a change raises to a running scan of its resource.</summary>
    public const string ChangedEvent = "ResourceChanged";

    /// <summary>How long a finished pass waits for a change raised at its very end before the instance completes.</summary>
    public static TimeSpan Linger { get; } = TimeSpan.FromSeconds(2);

    /// <summary>The instance id of a resource's scans: one per resource, case-insensitive like ARM ids, and safe in any backend.</summary>
    public static string InstanceIdFor(string resourceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(resourceId.ToLowerInvariant()));
        return "resourcescan-" + Convert.ToHexStringLower(hash)[..32];
    }

    /// <summary>Runs one pass, then another if the resource changed meanwhile.</summary>
    public static async Task<ResourceScanResult> RunAsync(TaskOrchestrationContext context, ResourceScanState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        var key = new PlanKey(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{context.InstanceId}#{state.Passes}@{context.CurrentUtcDateTime:O}"), context.CurrentUtcDateTime);
        var plan = await context.CallActivityAsync<ScanPlan>(ActivityNames.PlanResourceScan, state.Request with { Plan = key }).ConfigureAwait(true);
        context.SetCustomStatus(new ScanProgress(plan.RunId, 0, 1));
        var retry = state.Retry ?? FullScanOrchestration.DefaultRetry;
        var options = new TaskOptions(new RetryPolicy(retry.MaxAttempts, retry.FirstInterval, backoffCoefficient: 2.0, maxRetryInterval: TimeSpan.FromMinutes(2)));
        ShardResult shard;
        try
        {
            shard = await context.CallActivityAsync<ShardResult>(ActivityNames.ScanShard, plan.Shards.Single(), options).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            shard = ShardResult.Gap(0, ex.FailureDetails.ErrorMessage);
        }

        context.SetCustomStatus(new ScanProgress(plan.RunId, 1, 1));
        var closure = new RunClosure(plan.RunId, shard.Failed ? 0 : 1, !shard.Failed && shard.Incomplete ? 1 : 0, shard.Failed ? [new ShardGap(0, shard.Error!)] : []);
        await context.CallActivityAsync<string>(ActivityNames.CloseScanRun, closure, options).ConfigureAwait(true);
        try
        {
            await context.CallActivityAsync(ActivityNames.NotifyRun, plan.RunId).ConfigureAwait(true);
        }
        catch (TaskFailedException)
        {
            // Notifications never fail a scan.
        }

        try
        {
            await context.CallActivityAsync<string>(ActivityNames.StartRotations, plan.RunId).ConfigureAwait(true);
        }
        catch (TaskFailedException)
        {
            // Rotations never fail a scan; the next run starts what this one could not.
        }

        try
        {
            var next = await context.WaitForExternalEvent<ResourceScanRequest>(ChangedEvent, state.Linger ?? Linger).ConfigureAwait(true);
            // Every change raised meanwhile is covered by one more pass: the rest are dropped with this history.
            context.ContinueAsNew(state with { Request = next, Passes = state.Passes + 1 }, preserveUnprocessedEvents: false);
        }
        catch (TaskCanceledException)
        {
            // No change while this pass ran.
        }

        return new ResourceScanResult(plan.RunId, state.Passes, shard);
    }
}
