using System.Security.Cryptography;
using System.Text;
using AiSpm.Workflows.Models;
using Microsoft.DurableTask;

namespace AiSpm.Workflows.Orchestrations;

/// <summary>
/// Rotates one exposed account key with Microsoft's dual-key procedure, one instance per exposure: confirm the exposed
/// value is still a key; (approval flow) ask an owner and wait; regenerate the partner slot so consumers get a fresh,
/// never-exposed key and store it in Key Vault as the current version; wait for consumers to pick it up (durable timer);
/// regenerate the exposed slot; verify by fingerprint that the exposed value is gone; record. The exposed slot is
/// never regenerated before the new key is stored and the wait has passed, so working clients always have a key.
/// </summary>
public static class RotateExposedKeyOrchestration
{
    /// <summary>The orchestration's name.</summary>
    public const string Name = "RotateExposedKey";

    /// <summary>The external event an owner's answer arrives as.</summary>
    public const string DecisionEvent = "RotationDecision";

    /// <summary>One instance per exposure: a second detection of the same value on the same account joins it.</summary>
    public static string InstanceIdFor(string fingerprint, string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint + "|" + accountId.ToLowerInvariant()));
        return "rotation-" + Convert.ToHexStringLower(hash)[..32];
    }

    /// <summary>Runs the rotation.</summary>
    public static async Task<RotationResult> RunAsync(TaskOrchestrationContext context, ExposedKeyRotation rotation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rotation);
        var retry = new TaskOptions(new RetryPolicy(4, TimeSpan.FromSeconds(5), backoffCoefficient: 2.0, maxRetryInterval: TimeSpan.FromMinutes(1)));

        context.SetCustomStatus(new RotationProgress("checking", rotation.Flow));
        var check = await context.CallActivityAsync<ExposureCheck>(RotationActivityNames.CheckExposure, rotation, retry).ConfigureAwait(true);
        if (!check.StillExposed || check.ExposedSlot is null || check.PartnerSlot is null)
        {
            return await EndAsync(context, new RotationResult(rotation, RotationOutcome.NoLongerExposed, check.Detail), retry).ConfigureAwait(true);
        }

        if (rotation.Flow == RotationFlow.DryRun)
        {
            return await EndAsync(context, new RotationResult(rotation, RotationOutcome.Planned,
                $"Would regenerate {check.PartnerSlot}, store it in Key Vault, wait {rotation.ConsumerWait} for consumers, then regenerate the exposed {check.ExposedSlot}."), retry).ConfigureAwait(true);
        }

        var actor = "aispm";
        if (rotation.Flow == RotationFlow.Approval)
        {
            context.SetCustomStatus(new RotationProgress("awaiting-approval", rotation.Flow));
            await context.CallActivityAsync(RotationActivityNames.RequestApproval, rotation, retry).ConfigureAwait(true);
            RotationDecision decision;
            try
            {
                decision = await context.WaitForExternalEvent<RotationDecision>(DecisionEvent, rotation.ApprovalTimeout).ConfigureAwait(true);
            }
            catch (TaskCanceledException)
            {
                await context.CallActivityAsync(RotationActivityNames.EscalateApproval, rotation, retry).ConfigureAwait(true);
                return await EndAsync(context, new RotationResult(rotation, RotationOutcome.Escalated, $"Nobody answered within {rotation.ApprovalTimeout}; escalated, the key is unchanged."), retry).ConfigureAwait(true);
            }

            if (!decision.Approved)
            {
                return await EndAsync(context, new RotationResult(rotation, RotationOutcome.Rejected, "Rejected; the key is unchanged and the exposure stays open.", decision.Actor), retry).ConfigureAwait(true);
            }

            actor = decision.Actor;
            // The answer may come hours later: the key may have been rotated by hand meanwhile.
            check = await context.CallActivityAsync<ExposureCheck>(RotationActivityNames.CheckExposure, rotation, retry).ConfigureAwait(true);
            if (!check.StillExposed || check.ExposedSlot is null || check.PartnerSlot is null)
            {
                return await EndAsync(context, new RotationResult(rotation, RotationOutcome.NoLongerExposed, check.Detail, actor), retry).ConfigureAwait(true);
            }
        }

        context.SetCustomStatus(new RotationProgress("rotating-partner", rotation.Flow));
        var partner = new KeySlotAction(rotation.AccountId, check.PartnerSlot, rotation.Fingerprint);
        await context.CallActivityAsync(RotationActivityNames.RegenerateKeySlot, partner, retry).ConfigureAwait(true);
        await context.CallActivityAsync<string>(RotationActivityNames.StoreCurrentKey, partner, retry).ConfigureAwait(true);

        context.SetCustomStatus(new RotationProgress("waiting-for-consumers", rotation.Flow));
        await context.CreateTimer(rotation.ConsumerWait, CancellationToken.None).ConfigureAwait(true);

        context.SetCustomStatus(new RotationProgress("rotating-exposed", rotation.Flow));
        await context.CallActivityAsync(RotationActivityNames.RegenerateKeySlot, new KeySlotAction(rotation.AccountId, check.ExposedSlot, rotation.Fingerprint), retry).ConfigureAwait(true);

        context.SetCustomStatus(new RotationProgress("verifying", rotation.Flow));
        var gone = await context.CallActivityAsync<bool>(RotationActivityNames.VerifyRotated, rotation, retry).ConfigureAwait(true);
        return await EndAsync(context, gone
            ? new RotationResult(rotation, RotationOutcome.Completed, $"Regenerated {check.PartnerSlot} (stored in Key Vault), waited {rotation.ConsumerWait}, regenerated the exposed {check.ExposedSlot}; the exposed value no longer works.", actor)
            : new RotationResult(rotation, RotationOutcome.VerificationFailed, $"The exposed value still verifies as a key of the account after {check.ExposedSlot} was regenerated.", actor), retry).ConfigureAwait(true);
    }

    private static async Task<RotationResult> EndAsync(TaskOrchestrationContext context, RotationResult result, TaskOptions retry)
    {
        await context.CallActivityAsync(RotationActivityNames.RecordRotation, result, retry).ConfigureAwait(true);
        context.SetCustomStatus(new RotationProgress("done", result.Rotation.Flow, result.Outcome));
        return result;
    }
}
