using AiSpm.Core.Scans;
using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.DurableTask;

namespace AiSpm.Application.Activities;

/// <summary>Registers the scan orchestrations and AiSpm's implementations of their activities with a Durable Task worker.</summary>
public static class ScanTaskRegistration
{
    /// <summary>Adds the full-scan and resource-scan orchestrations and their activities.</summary>
    public static DurableTaskRegistry AddAiSpmScan(this DurableTaskRegistry registry, PlanFullScanActivity plan, PlanResourceScanActivity planResource, ScanShardActivity shard, CloseScanRunActivity close, NotifyRunActivity notify)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestratorFunc<FullScanRequest, FullScanResult>(FullScanOrchestration.Name, (context, request) => FullScanOrchestration.RunAsync(context, request));
        registry.AddOrchestratorFunc<ResourceScanState, ResourceScanResult>(ResourceScanOrchestration.Name, (context, state) => ResourceScanOrchestration.RunAsync(context, state));
        registry.AddActivityFunc<FullScanRequest, ScanPlan>(ActivityNames.PlanFullScan, (_, request) => plan.RunAsync(request));
        registry.AddActivityFunc<ResourceScanRequest, ScanPlan>(ActivityNames.PlanResourceScan, (_, request) => planResource.RunAsync(request));
        registry.AddActivityFunc<ScanShard, ShardResult>(ActivityNames.ScanShard, (_, input) => shard.RunAsync(input));
        registry.AddActivityFunc<RunClosure, string>(ActivityNames.CloseScanRun, (_, closure) => close.RunAsync(closure));
        registry.AddActivityFunc<string>(ActivityNames.NotifyRun, (_, runId) => notify.RunAsync(runId));
        return registry;
    }
}
