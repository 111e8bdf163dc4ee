using System.Globalization;
using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Core.Audit;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Ports;
using AiSpm.Core.Remediation;
using AiSpm.Core.Secrets;
using Azure;
using Azure.Security.KeyVault.Secrets;

namespace AiSpm.Connectors.Remediation;

/// <summary>
/// Rotates an exposed two-key credential without breaking working clients, following Microsoft's dual-key procedure:
/// (1) re-read the resource from ARM (Resource Graph lags) and its keys, (2) make the surviving key the current version of
/// the Key Vault secret consumers reference (tagged <c>ProviderAddress</c> = the resource), (3) regenerate only the
/// exposed slot, (4) store the new key as the latest secret version. Covers AI Services / Azure OpenAI accounts
/// (key1/key2, <c>regenerateKey</c>) and AI Search admin keys (primary/secondary, <c>regenerateAdminKey/{kind}</c>);
/// the differences live in <see cref="RotatableKeyFamily"/>. Progress is stored per exposure fingerprint, so retries and
/// restarts resume where they stopped and never rotate twice; every step is appended to the audit chain. Key values
/// stay in memory and are compared by fingerprint only.
/// </summary>
public sealed class AccountKeyRotator(
    ArmRestClient arm,
    SecretClient vault,
    SecretFingerprinter fingerprinter,
    IRotationStore store,
    IAuditLog audit,
    TimeProvider? time = null,
    int validityPeriodDays = 60)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly AccountKeySecrets _secrets = new(vault, fingerprinter, time, validityPeriodDays);

    /// <summary>Rotates (Auto), or plans and audits without changing anything (DryRun).</summary>
    public async Task<KeyRotationOutcome> RotateAsync(KeyRotationRequest request, RotationPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        var family = RotatableKeyFamily.For(request.AccountId)
            ?? throw new ArgumentException($"AiSpm cannot rotate the keys of '{request.AccountId}' (not an AI Services account or a Search service).", nameof(request));
        var record = await store.GetAsync(request.Fingerprint, cancellationToken).ConfigureAwait(false);
        if (record?.Stage is RotationStage.Completed or RotationStage.NotNeeded)
        {
            return new(request, record.Stage, "already handled");
        }

        JsonElement account;
        try
        {
            account = await arm.GetAsync(request.AccountId, family.ApiVersion, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return await FinishAsync(request, record, RotationStage.NotNeeded, "the account no longer exists", cancellationToken).ConfigureAwait(false);
        }

        var tags = ReadTags(account);
        if (policy.Refusal(request.RuleId, ArmId.SubscriptionOf(request.AccountId), tags) is { } refusal)
        {
            await AuditAsync("rotation.skipped", request, new { reason = refusal }, cancellationToken).ConfigureAwait(false);
            return new(request, record?.Stage ?? RotationStage.Planned, refusal);
        }

        if (record is null)
        {
            record = await store.TryCreateAsync(new RotationRecord(request.Fingerprint, request.AccountId, string.Empty, RotationStage.Planned, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false)
                ?? await store.GetAsync(request.Fingerprint, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The rotation record vanished.");
            await AuditAsync("rotation.planned", request, new { mode = policy.Mode.ToString() }, cancellationToken).ConfigureAwait(false);
        }

        if (policy.Mode != RotationMode.Auto)
        {
            return new(request, record.Stage, "dry run: planned, nothing changed");
        }

        var keys = await family.ListKeysAsync(arm, request.AccountId, cancellationToken).ConfigureAwait(false);
        var exposedSlot = record.ExposedSlot;
        if (fingerprinter.Matches(SecretFingerprint.Parse(request.Fingerprint), keys.First))
        {
            exposedSlot = family.Slots.First;
        }
        else if (fingerprinter.Matches(SecretFingerprint.Parse(request.Fingerprint), keys.Second))
        {
            exposedSlot = family.Slots.Second;
        }
        else if (record.Stage == RotationStage.Planned)
        {
            return await FinishAsync(request, record, RotationStage.NotNeeded, "the exposed key is no longer live (rotated elsewhere)", cancellationToken).ConfigureAwait(false);
        }
        else if (record.Stage == RotationStage.SurvivingKeyStored)
        {
            // Regenerated before a crash, not yet recorded: never regenerate again.
            record = await store.UpdateAsync(record with { Stage = RotationStage.Regenerated, UpdatedAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }

        // The vault's secrets are listed at most once per rotation, on the first write.
        string? secretName = null;
        if (record.Stage == RotationStage.Planned)
        {
            var survivingSlot = family.Alternate(exposedSlot);
            secretName = await _secrets.SecretNameAsync(request.AccountId, cancellationToken).ConfigureAwait(false);
            var stored = await _secrets.StoreAsync(secretName, request.AccountId, survivingSlot, family.KeyIn(keys, survivingSlot), onlyIfDifferent: true, cancellationToken).ConfigureAwait(false);
            record = await store.UpdateAsync(record with { ExposedSlot = exposedSlot, Stage = RotationStage.SurvivingKeyStored, UpdatedAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            await AuditAsync("rotation.surviving-key-stored", request, new { slot = survivingSlot, secret = stored }, cancellationToken).ConfigureAwait(false);
        }

        if (record.Stage == RotationStage.SurvivingKeyStored)
        {
            await family.RegenerateAsync(arm, request.AccountId, exposedSlot, cancellationToken).ConfigureAwait(false);
            record = await store.UpdateAsync(record with { ExposedSlot = exposedSlot, Stage = RotationStage.Regenerated, UpdatedAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            await AuditAsync("rotation.key-regenerated", request, new { slot = exposedSlot }, cancellationToken).ConfigureAwait(false);
        }

        if (record.Stage == RotationStage.Regenerated)
        {
            var newKeys = await family.ListKeysAsync(arm, request.AccountId, cancellationToken).ConfigureAwait(false);
            var slot = string.IsNullOrEmpty(record.ExposedSlot) ? exposedSlot : record.ExposedSlot;
            secretName ??= await _secrets.SecretNameAsync(request.AccountId, cancellationToken).ConfigureAwait(false);
            var stored = await _secrets.StoreAsync(secretName, request.AccountId, slot, family.KeyIn(newKeys, slot), onlyIfDifferent: false, cancellationToken).ConfigureAwait(false);
            await AuditAsync("rotation.new-key-stored", request, new { slot, secret = stored }, cancellationToken).ConfigureAwait(false);
            return await FinishAsync(request, record, RotationStage.Completed, $"{slot} regenerated; Key Vault holds the new key as {stored}", cancellationToken).ConfigureAwait(false);
        }

        return new(request, record.Stage, "no step left");
    }

    private async Task<KeyRotationOutcome> FinishAsync(KeyRotationRequest request, RotationRecord? record, RotationStage stage, string message, CancellationToken cancellationToken)
    {
        if (record is not null)
        {
            await store.UpdateAsync(record with { Stage = stage, UpdatedAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }

        await AuditAsync(stage == RotationStage.Completed ? "rotation.completed" : "rotation.not-needed", request, new { message }, cancellationToken).ConfigureAwait(false);
        return new(request, stage, message);
    }

    private Task AuditAsync(string action, KeyRotationRequest request, object details, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditRecord("aispm", action, request.AccountId,
            JsonSerializer.Serialize(new { request.FindingId, request.RuleId, fingerprint = request.Fingerprint, details })), cancellationToken);

    private static Dictionary<string, string> ReadTags(JsonElement account)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (account.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in t.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.ToString();
            }
        }

        return tags;
    }
}
