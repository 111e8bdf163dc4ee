using AiSpm.Application.Scanning;
using AiSpm.Workflows.Models;

namespace AiSpm.Application.Activities;

/// <summary>The <c>PlanFullScan</c> activity: lists the subscriptions, records the run, returns its shards.</summary>
public sealed class PlanFullScanActivity(ScanCoordinator coordinator)
{
    /// <summary>Runs the activity.</summary>
    public async Task<ScanPlan> RunAsync(FullScanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (run, shards) = await coordinator.PlanFullScanAsync(request.Trigger, request.Plan?.Value, request.Plan?.At, cancellationToken).ConfigureAwait(false);
        return new ScanPlan(run.RunId, shards);
    }
}
