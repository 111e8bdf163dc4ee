using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AiSpm.Functions.Orchestrations;

/// <summary>The FullScan orchestration (plan, fan out the shards, close, notify): see <see cref="FullScanOrchestration"/>.</summary>
public static class FullScan
{
    /// <summary>Runs the orchestrator.</summary>
    [Function(FullScanOrchestration.Name)]
    public static Task<FullScanResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FullScanOrchestration.RunAsync(context, context.GetInput<FullScanRequest>() ?? throw new InvalidOperationException("FullScan needs a FullScanRequest input."));
    }
}
