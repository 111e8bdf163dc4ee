using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AiSpm.Functions.Orchestrations;

/// <summary>The RotateExposedKey orchestration (one instance per exposure): see <see cref="RotateExposedKeyOrchestration"/>.</summary>
public static class RotateExposedKey
{
    /// <summary>Runs the orchestrator.</summary>
    [Function(RotateExposedKeyOrchestration.Name)]
    public static Task<RotationResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RotateExposedKeyOrchestration.RunAsync(context, context.GetInput<ExposedKeyRotation>() ?? throw new InvalidOperationException("RotateExposedKey needs an ExposedKeyRotation input."));
    }
}
