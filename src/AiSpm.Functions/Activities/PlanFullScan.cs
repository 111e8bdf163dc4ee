using AiSpm.Application.Activities;
using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Activities;

/// <summary>The PlanFullScan activity: lists the subscriptions, records the run, returns its shards.</summary>
public sealed class PlanFullScan(PlanFullScanActivity activity)
{
    /// <summary>Runs the activity.</summary>
    [Function(ActivityNames.PlanFullScan)]
    public Task<ScanPlan> RunAsync([ActivityTrigger] FullScanRequest input, CancellationToken cancellationToken) => activity.RunAsync(input, cancellationToken);
}
