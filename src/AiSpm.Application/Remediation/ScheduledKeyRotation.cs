using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Remediation;
using AiSpm.Core.Remediation;
using AiSpm.Core.Secrets;
using AiSpm.Application.Events;
using Azure;
using Azure.Security.KeyVault.Secrets;

namespace AiSpm.Application.Remediation;

/// <summary>
/// Microsoft's two-credential rotation on <c>Microsoft.KeyVault.SecretNearExpiry</c>: for a secret tagged as an AI
/// account key (<c>ProviderAddress</c> = a Cognitive Services account or a Search service, <c>CredentialId</c> = the slot
/// it holds: key1/key2, primary/secondary), the
/// alternate slot is regenerated and stored as the new latest version, so consumers get a whole validity period to
/// pick it up. Runs through the same resumable, audited rotator as exposed keys; honours the rotation mode.
/// </summary>
public sealed class ScheduledKeyRotation(SecretClient vault, ArmRestClient arm, SecretFingerprinter fingerprinter, AccountKeyRotator rotator, RotationPolicy policy)
{
    /// <summary>The event type handled.</summary>
    public const string NearExpiry = "Microsoft.KeyVault.SecretNearExpiry";

    /// <summary>Handles one event; returns what was done, in one line.</summary>
    public async Task<string> HandleAsync(IncomingEvent incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (!string.Equals(incoming.EventType, NearExpiry, StringComparison.OrdinalIgnoreCase))
        {
            return $"Event {incoming.Id} ignored: '{incoming.EventType}' is not {NearExpiry}.";
        }

        if (incoming.Data.ValueKind != JsonValueKind.Object || !incoming.Data.TryGetProperty("ObjectName", out var nameElement) || nameElement.GetString() is not { Length: > 0 } name)
        {
            return $"Event {incoming.Id} ignored: data.ObjectName is missing.";
        }

        if (incoming.Data.TryGetProperty("VaultName", out var vaultName) && !vault.VaultUri.Host.StartsWith(vaultName.GetString() + ".", StringComparison.OrdinalIgnoreCase)
            && vault.VaultUri.Host is not ("127.0.0.1" or "localhost"))
        {
            return $"Event {incoming.Id} ignored: vault '{vaultName.GetString()}' is not the configured one.";
        }

        KeyVaultSecret secret;
        try
        {
            secret = (await vault.GetSecretAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return $"Event {incoming.Id} ignored: secret '{name}' no longer exists.";
        }

        if (incoming.Data.TryGetProperty("Version", out var eventVersion) && eventVersion.GetString() is { Length: > 0 } version
            && !string.Equals(version, secret.Properties.Version, StringComparison.OrdinalIgnoreCase))
        {
            // A redelivered or late event: the secret already moved on, so the alternate key was rotated for it.
            return $"Event {incoming.Id} ignored: '{name}' version {version} is no longer the latest ({secret.Properties.Version}).";
        }

        if (!secret.Properties.Tags.TryGetValue("ProviderAddress", out var account) || RotatableKeyFamily.For(account) is not { } family
            || !secret.Properties.Tags.TryGetValue("CredentialId", out var current) || family.SlotOf(current) is null)
        {
            return $"Event {incoming.Id} ignored: secret '{name}' is not tagged as an AI account key (ProviderAddress, CredentialId).";
        }

        var keys = await family.ListKeysAsync(arm, account, cancellationToken).ConfigureAwait(false);
        var alternateSlot = family.Alternate(current);
        var alternate = alternateSlot.ToLowerInvariant();
        var fingerprint = fingerprinter.Compute(family.KeyIn(keys, alternateSlot)).Value!;
        var outcome = await rotator.RotateAsync(new KeyRotationRequest(fingerprint, account, "scheduled-rotation", secret.Id.AbsoluteUri), policy, cancellationToken).ConfigureAwait(false);
        return $"Event {incoming.Id}: {name} near expiry; alternate {alternate} of {account[(account.LastIndexOf('/') + 1)..]}: {outcome.Stage} ({outcome.Message}).";
    }
}
