using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AiSpm.Functions.Orchestrations;

/// <summary>The ResourceScan orchestration (one instance per resource): see <see cref="ResourceScanOrchestration"/>.</summary>
public static class ResourceScan
{
    /// <summary>Runs the orchestrator.</summary>
    [Function(ResourceScanOrchestration.Name)]
    public static Task<ResourceScanResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ResourceScanOrchestration.RunAsync(context, context.GetInput<ResourceScanState>() ?? throw new InvalidOperationException("ResourceScan needs a ResourceScanState input."));
    }
}
