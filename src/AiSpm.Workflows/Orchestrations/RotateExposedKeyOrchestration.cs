using System.Security.Cryptography;
using System.Text;
using AiSpm.Workflows.Models;
using Microsoft.DurableTask;

namespace AiSpm.Workflows.Orchestrations;

/// <summary>
/// Rotates one exposed account key with Microsoft's dual-key procedure, one instance per exposure: confirm the exposed
/// value is still a key and the policy allows acting on the account; (approval flow) ask an owner and wait; regenerate
/// the partner slot so consumers get a fresh, never-exposed key and store it in Key Vault as the current version; wait
/// for consumers to pick it up (durable timer); regenerate the exposed slot; verify by fingerprint that the exposed
/// value is gone; record. The exposed slot is never regenerated before the new key is stored and the wait has passed,
/// so working clients always have a key.
/// </summary>
public static class RotateExposedKeyOrchestration
{
    /// <summary>The orchestration's name.</summary>
    public const string Name = "RotateExposedKey";

    /// <summary>The external event an owner's answer arrives as.</summary>
    public const string DecisionEvent = "RotationDecision";

    /// <summary>Every rotation instance id starts with this.</summary>
    public const string InstancePrefix = "rotation-";

    /// <summary>
    /// One instance per exposure: a second detection of the same value on the same account joins it. The id starts
    /// with <see cref="AccountPrefix"/>, so the rotations of one account are found by prefix.
    /// </summary>
    public static string InstanceIdFor(string fingerprint, string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        var exposure = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint + "|" + accountId.ToLowerInvariant())))[..16];
        return AccountPrefix(accountId) + exposure;
    }

    /// <summary>The start of the instance ids of every rotation of <paramref name="accountId"/>.</summary>
    public static string AccountPrefix(string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return InstancePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountId.ToLowerInvariant())))[..16] + "-";
    }

    /// <summary>The stricter of two flows (dry run, then approval, then automatic).</summary>
    public static RotationFlow Stricter(RotationFlow flow, RotationFlow? ceiling) => ceiling is { } c && c < flow ? c : flow;

    /// <summary>Runs the rotation.</summary>
    public static async Task<RotationResult> RunAsync(TaskOrchestrationContext context, ExposedKeyRotation rotation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rotation);
        var retry = new TaskOptions(new RetryPolicy(4, TimeSpan.FromSeconds(5), backoffCoefficient: 2.0, maxRetryInterval: TimeSpan.FromMinutes(1)));

        Report(context, "checking", rotation.Flow);
        var check = await context.CallActivityAsync<ExposureCheck>(RotationActivityNames.CheckExposure, rotation, retry).ConfigureAwait(true);
        if (!check.StillExposed || check.ExposedSlot is null || check.PartnerSlot is null)
        {
            return await EndAsync(context, new RotationResult(rotation, RotationOutcome.NoLongerExposed, check.Detail), retry).ConfigureAwait(true);
        }

        if (check.Refusal is not null)
        {
            return await EndAsync(context, new RotationResult(rotation, RotationOutcome.NotAllowed, $"Not rotated: {check.Refusal}."), retry).ConfigureAwait(true);
        }

        var flow = Stricter(rotation.Flow, check.Ceiling);
        if (flow == RotationFlow.DryRun)
        {
            return await EndAsync(context, new RotationResult(rotation with { Flow = flow }, RotationOutcome.Planned,
                $"Would regenerate {check.PartnerSlot}, store it in Key Vault, wait {rotation.ConsumerWait} for consumers, then regenerate the exposed {check.ExposedSlot}."), retry).ConfigureAwait(true);
        }

        var actor = "aispm";
        if (flow == RotationFlow.Approval)
        {
            var request = new ApprovalRequest(context.InstanceId, rotation with { Flow = flow }, check.ExposedSlot, check.PartnerSlot, context.CurrentUtcDateTime + rotation.ApprovalTimeout);
            // The step is recorded with the card's scheduling, so an answer that comes as soon as the card lands finds it waiting.
            Report(context, "awaiting-approval", flow, request.ExpiresAt);
            await context.CallActivityAsync(RotationActivityNames.RequestApproval, request, retry).ConfigureAwait(true);
            RotationDecision decision;
            try
            {
                decision = await context.WaitForExternalEvent<RotationDecision>(DecisionEvent, rotation.ApprovalTimeout).ConfigureAwait(true);
            }
            catch (TaskCanceledException)
            {
                await context.CallActivityAsync(RotationActivityNames.EscalateApproval, request, retry).ConfigureAwait(true);
                return await EndAsync(context, new RotationResult(request.Rotation, RotationOutcome.Escalated, $"Nobody answered within {rotation.ApprovalTimeout}; escalated, the key is unchanged."), retry).ConfigureAwait(true);
            }

            if (!decision.Approved)
            {
                return await EndAsync(context, new RotationResult(request.Rotation, RotationOutcome.Rejected, "Rejected; the key is unchanged and the exposure stays open.", decision.Actor), retry).ConfigureAwait(true);
            }

            actor = decision.Actor;
            // The answer may come hours later: the key may have been rotated by hand meanwhile.
            Report(context, "checking", flow);
            check = await context.CallActivityAsync<ExposureCheck>(RotationActivityNames.CheckExposure, rotation, retry).ConfigureAwait(true);
            if (!check.StillExposed || check.ExposedSlot is null || check.PartnerSlot is null || check.Refusal is not null)
            {
                return await EndAsync(context, new RotationResult(request.Rotation, check.Refusal is null ? RotationOutcome.NoLongerExposed : RotationOutcome.NotAllowed,
                    check.Refusal is null ? check.Detail : $"Not rotated: {check.Refusal}.", actor), retry).ConfigureAwait(true);
            }
        }

        var rotating = rotation with { Flow = flow };
        Report(context, "rotating-partner", flow);
        var partner = new KeySlotAction(rotation.AccountId, check.PartnerSlot, rotation.Fingerprint);
        await context.CallActivityAsync(RotationActivityNames.RegenerateKeySlot, partner, retry).ConfigureAwait(true);
        await context.CallActivityAsync<string>(RotationActivityNames.StoreCurrentKey, partner, retry).ConfigureAwait(true);

        Report(context, "waiting-for-consumers", flow, context.CurrentUtcDateTime + rotation.ConsumerWait);
        await context.CreateTimer(rotation.ConsumerWait, CancellationToken.None).ConfigureAwait(true);

        Report(context, "rotating-exposed", flow);
        await context.CallActivityAsync(RotationActivityNames.RegenerateKeySlot, new KeySlotAction(rotation.AccountId, check.ExposedSlot, rotation.Fingerprint), retry).ConfigureAwait(true);

        Report(context, "verifying", flow);
        var gone = await context.CallActivityAsync<bool>(RotationActivityNames.VerifyRotated, rotation, retry).ConfigureAwait(true);
        return await EndAsync(context, gone
            ? new RotationResult(rotating, RotationOutcome.Completed, $"Regenerated {check.PartnerSlot} (stored in Key Vault), waited {rotation.ConsumerWait}, regenerated the exposed {check.ExposedSlot}; the exposed value no longer works.", actor)
            : new RotationResult(rotating, RotationOutcome.VerificationFailed, $"The exposed value still verifies as a key of the account after {check.ExposedSlot} was regenerated.", actor), retry).ConfigureAwait(true);
    }

    private static void Report(TaskOrchestrationContext context, string step, RotationFlow flow, DateTimeOffset? until = null) =>
        context.SetCustomStatus(new RotationProgress(step, flow, context.CurrentUtcDateTime, Until: until));

    private static async Task<RotationResult> EndAsync(TaskOrchestrationContext context, RotationResult result, TaskOptions retry)
    {
        await context.CallActivityAsync(RotationActivityNames.RecordRotation, result, retry).ConfigureAwait(true);
        context.SetCustomStatus(new RotationProgress("done", result.Rotation.Flow, context.CurrentUtcDateTime, result.Outcome));
        return result;
    }
}
