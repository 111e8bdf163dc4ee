using AiSpm.Application.Activities;
using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Activities;

/// <summary>The PlanResourceScan activity: records the run of a resource re-scan, returns its one shard.</summary>
public sealed class PlanResourceScan(PlanResourceScanActivity activity)
{
    /// <summary>Runs the activity.</summary>
    [Function(ActivityNames.PlanResourceScan)]
    public Task<ScanPlan> RunAsync([ActivityTrigger] ResourceScanRequest input, CancellationToken cancellationToken) => activity.RunAsync(input, cancellationToken);
}
