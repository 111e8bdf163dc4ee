using AiSpm.Application.Configuration;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Remediation;
using AiSpm.Core.Ports;
using AiSpm.Core.Secrets;
using AiSpm.Workflows.Models;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>
/// The <c>StoreCurrentKey</c> activity: writes the slot's current key to the Key Vault secret consumers read, as its
/// current version (a secret that already holds it is left alone, so running it twice stores once). Returns
/// <c>name/version</c>; the key stays inside the activity.
/// </summary>
public sealed class StoreCurrentKeyActivity(ArmRestClient arm, KeyVaultAccess vaults, SecretFingerprinter fingerprinter, IAuditLog audit, TimeProvider time)
{
    /// <summary>Runs the activity.</summary>
    public async Task<string> RunAsync(KeySlotAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var family = RotatableKeyFamily.For(action.AccountId) ?? throw new InvalidOperationException($"'{action.AccountId}' is not an account whose keys AiSpm rotates.");
        var vault = vaults.RotationVault ?? throw new InvalidOperationException("No rotation vault is configured (AISPM_KEYVAULT_URI).");
        var keys = await family.ListKeysAsync(arm, action.AccountId, cancellationToken).ConfigureAwait(false);
        var secrets = new AccountKeySecrets(vault, fingerprinter, time);
        var name = await secrets.SecretNameAsync(action.AccountId, cancellationToken).ConfigureAwait(false);
        var stored = await secrets.StoreAsync(name, action.AccountId, action.Slot, family.KeyIn(keys, action.Slot), onlyIfDifferent: true, cancellationToken).ConfigureAwait(false);
        await RotationAudit.AppendAsync(audit, "aispm", "rotation.key-stored", action.AccountId, action.Fingerprint, new { slot = action.Slot, secret = stored }, cancellationToken).ConfigureAwait(false);
        return stored;
    }
}
