using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>
/// Registers the <c>RotateExposedKey</c> orchestration, its activities and the scans' <c>StartRotations</c> step with a
/// Durable Task worker, the activities taken from the installation's composition root.
/// </summary>
public static class RotationTaskRegistration
{
    /// <summary>Adds the orchestration and its activities; <paramref name="client"/> gives the engine's client to <c>StartRotations</c>.</summary>
    public static DurableTaskRegistry AddAiSpmRotation(this DurableTaskRegistry registry, IServiceProvider services, Func<DurableTaskClient> client)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(client);
        var check = services.GetRequiredService<CheckExposureActivity>();
        var regenerate = services.GetRequiredService<RegenerateKeySlotActivity>();
        var store = services.GetRequiredService<StoreCurrentKeyActivity>();
        var verify = services.GetRequiredService<VerifyRotatedActivity>();
        var record = services.GetRequiredService<RecordRotationActivity>();
        var request = services.GetRequiredService<RequestApprovalActivity>();
        var escalate = services.GetRequiredService<EscalateApprovalActivity>();
        var start = services.GetRequiredService<StartRotationsActivity>();
        registry.AddOrchestratorFunc<ExposedKeyRotation, RotationResult>(RotateExposedKeyOrchestration.Name, (context, rotation) => RotateExposedKeyOrchestration.RunAsync(context, rotation));
        registry.AddActivityFunc<ExposedKeyRotation, ExposureCheck>(RotationActivityNames.CheckExposure, (_, rotation) => check.RunAsync(rotation));
        registry.AddActivityFunc<KeySlotAction>(RotationActivityNames.RegenerateKeySlot, (_, action) => regenerate.RunAsync(action));
        registry.AddActivityFunc<KeySlotAction, string>(RotationActivityNames.StoreCurrentKey, (_, action) => store.RunAsync(action));
        registry.AddActivityFunc<ExposedKeyRotation, bool>(RotationActivityNames.VerifyRotated, (_, rotation) => verify.RunAsync(rotation));
        registry.AddActivityFunc<ApprovalRequest>(RotationActivityNames.RequestApproval, (_, input) => request.RunAsync(input));
        registry.AddActivityFunc<ApprovalRequest>(RotationActivityNames.EscalateApproval, (_, input) => escalate.RunAsync(input));
        registry.AddActivityFunc<RotationResult>(RotationActivityNames.RecordRotation, (_, result) => record.RunAsync(result));
        registry.AddActivityFunc<string, string>(ActivityNames.StartRotations, (_, runId) => start.RunAsync(client(), runId));
        return registry;
    }
}
