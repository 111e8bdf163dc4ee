using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Remediation;
using AiSpm.Core.Ports;
using AiSpm.Workflows.Models;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>
/// The <c>RegenerateKeySlot</c> activity: regenerates one slot through ARM and audits it. Running it twice regenerates
/// twice, which the orchestration's order makes harmless: the partner slot before anyone reads it, the exposed slot
/// after consumers moved away from it.
/// </summary>
public sealed class RegenerateKeySlotActivity(ArmRestClient arm, IAuditLog audit)
{
    /// <summary>Runs the activity.</summary>
    public async Task RunAsync(KeySlotAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var family = RotatableKeyFamily.For(action.AccountId) ?? throw new InvalidOperationException($"'{action.AccountId}' is not an account whose keys AiSpm rotates.");
        await family.RegenerateAsync(arm, action.AccountId, action.Slot, cancellationToken).ConfigureAwait(false);
        await RotationAudit.AppendAsync(audit, "aispm", "rotation.key-regenerated", action.AccountId, action.Fingerprint, new { slot = action.Slot }, cancellationToken).ConfigureAwait(false);
    }
}
