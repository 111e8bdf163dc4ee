using AiSpm.Application.Scanning;
using AiSpm.Workflows.Models;

namespace AiSpm.Application.Activities;

/// <summary>The <c>PlanResourceScan</c> activity: records an event run for one resource and returns its one shard.</summary>
public sealed class PlanResourceScanActivity(ScanCoordinator coordinator)
{
    /// <summary>Runs the activity.</summary>
    public async Task<ScanPlan> RunAsync(ResourceScanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (run, shards) = await coordinator.PlanResourceScanAsync(request.Trigger, request.ResourceId, request.Plan?.Value, request.Plan?.At, cancellationToken).ConfigureAwait(false);
        return new ScanPlan(run.RunId, shards);
    }
}
