using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.DurableTask;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>
/// Registers the <c>RotateExposedKey</c> orchestration and AiSpm's activities for its dry-run and automatic flows with a
/// Durable Task worker (the approval flow's card activities are not implemented yet).
/// </summary>
public static class RotationTaskRegistration
{
    /// <summary>Adds the orchestration and its activities.</summary>
    public static DurableTaskRegistry AddAiSpmRotation(this DurableTaskRegistry registry, CheckExposureActivity check, RegenerateKeySlotActivity regenerate, StoreCurrentKeyActivity store, VerifyRotatedActivity verify, RecordRotationActivity record)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestratorFunc<ExposedKeyRotation, RotationResult>(RotateExposedKeyOrchestration.Name, (context, rotation) => RotateExposedKeyOrchestration.RunAsync(context, rotation));
        registry.AddActivityFunc<ExposedKeyRotation, ExposureCheck>(RotationActivityNames.CheckExposure, (_, rotation) => check.RunAsync(rotation));
        registry.AddActivityFunc<KeySlotAction>(RotationActivityNames.RegenerateKeySlot, (_, action) => regenerate.RunAsync(action));
        registry.AddActivityFunc<KeySlotAction, string>(RotationActivityNames.StoreCurrentKey, (_, action) => store.RunAsync(action));
        registry.AddActivityFunc<ExposedKeyRotation, bool>(RotationActivityNames.VerifyRotated, (_, rotation) => verify.RunAsync(rotation));
        registry.AddActivityFunc<RotationResult>(RotationActivityNames.RecordRotation, (_, result) => record.RunAsync(result));
        return registry;
    }
}
