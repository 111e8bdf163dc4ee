using System.Globalization;
using AiSpm.Workflows.Models;
using Microsoft.DurableTask;

namespace AiSpm.Workflows.Orchestrations;

/// <summary>
/// A full scan as a durable fan-out: plan the shards (one activity, which records the run), run every shard as an
/// activity with retries and back-off, then close the run with what every shard did and notify. A shard that keeps
/// failing becomes a coverage gap of the run; the run still closes, so no run is left "Running" without an
/// orchestration that can finish it. The orchestrator is deterministic: no I/O, no clock but the context's, and it
/// passes only ids and counts between steps, so its history stays small.
/// </summary>
public static class FullScanOrchestration
{
    /// <summary>The orchestration's name.</summary>
    public const string Name = "FullScan";

    /// <summary>The retry policy of a shard unless the request says otherwise: 4 attempts, 10 s doubling to at most 2 min apart.</summary>
    public static ShardRetry DefaultRetry { get; } = new(4, TimeSpan.FromSeconds(10));

    /// <summary>
    /// The instance id of the scan a request belongs to: one per trigger and minute, so a second start for the same
    /// schedule tick (a timer fired twice, a retried HTTP call) finds the running instance instead of starting another.
    /// </summary>
    public static string InstanceIdFor(FullScanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var trigger = new string(request.Trigger.Where(char.IsAsciiLetterOrDigit).Take(32).ToArray()).ToLowerInvariant();
        var key = request.Key is null ? null : new string(request.Key.Where(char.IsAsciiLetterOrDigit).Take(32).ToArray()).ToLowerInvariant();
        return string.IsNullOrEmpty(key)
            ? string.Create(CultureInfo.InvariantCulture, $"fullscan-{(trigger.Length > 0 ? trigger : "scan")}-{request.RequestedAt.UtcDateTime:yyyyMMddTHHmm}Z")
            : $"fullscan-{(trigger.Length > 0 ? trigger : "scan")}-{key}";
    }

    /// <summary>Runs the scan.</summary>
    public static async Task<FullScanResult> RunAsync(TaskOrchestrationContext context, FullScanRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var plan = await context.CallActivityAsync<ScanPlan>(ActivityNames.PlanFullScan, request with { Plan = new PlanKey(context.InstanceId + "#1", context.CurrentUtcDateTime) }).ConfigureAwait(true);
        var total = plan.Shards.Count;
        context.SetCustomStatus(new ScanProgress(plan.RunId, 0, total));

        var retry = request.Retry ?? DefaultRetry;
        var options = new TaskOptions(new RetryPolicy(retry.MaxAttempts, retry.FirstInterval, backoffCoefficient: 2.0, maxRetryInterval: TimeSpan.FromMinutes(2)));
        // The access shard writes while the others still collect (the store is idle then), and the directory shard reads
        // the whole tenant directory and usually runs longest: both are scheduled first, so neither waits behind the
        // subscription shards for a free worker.
        var pending = plan.Shards.OrderBy(shard => shard.Kind switch { Core.Scans.ScanShardKind.AzureAccess => 0, Core.Scans.ScanShardKind.Directory => 1, _ => 2 }).ThenBy(shard => shard.Index)
            .Select(shard => RunShardAsync(context, shard, options)).ToList();
        var results = new List<ShardResult>(total);
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(true);
            pending.Remove(done);
            results.Add(await done.ConfigureAwait(true));
            context.SetCustomStatus(new ScanProgress(plan.RunId, results.Count, total));
        }

        var closure = new RunClosure(
            plan.RunId,
            results.Count(r => !r.Failed),
            results.Count(r => !r.Failed && r.Incomplete),
            results.Where(r => r.Failed).OrderBy(r => r.Index).Select(r => new ShardGap(r.Index, r.Error!)).ToList(),
            results.All(r => !r.Failed && !r.Incomplete && r.Tally is not null) ? results.Aggregate(Core.Findings.FindingTally.Empty, (sum, r) => sum.Add(r.Tally!)) : null);
        await context.CallActivityAsync<string>(ActivityNames.CloseScanRun, closure, options).ConfigureAwait(true);

        string? notifyError = null;
        try
        {
            await context.CallActivityAsync(ActivityNames.NotifyRun, plan.RunId).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            // Notifications never fail a scan; the next run announces what this one could not.
            notifyError = ex.FailureDetails.ErrorMessage;
        }

        string? rotations;
        try
        {
            rotations = await context.CallActivityAsync<string>(ActivityNames.StartRotations, plan.RunId).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            // Rotations never fail a scan; the next run starts what this one could not.
            rotations = "failed: " + ex.FailureDetails.ErrorMessage;
        }

        return new FullScanResult(plan.RunId, total, results.Sum(r => r.Findings), closure, notifyError, rotations);
    }

    private static async Task<ShardResult> RunShardAsync(TaskOrchestrationContext context, Core.Scans.ScanShard shard, TaskOptions options)
    {
        try
        {
            return await context.CallActivityAsync<ShardResult>(ActivityNames.ScanShard, shard, options).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            return ShardResult.Gap(shard.Index, ex.FailureDetails.ErrorMessage);
        }
    }
}
