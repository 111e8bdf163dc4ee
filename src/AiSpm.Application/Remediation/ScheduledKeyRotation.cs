using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Remediation;
using AiSpm.Core.Remediation;
using AiSpm.Application.Events;
using AiSpm.Application.Remediation.Rotation;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Workflows.Models;
using Azure;
using Azure.Security.KeyVault.Secrets;

namespace AiSpm.Application.Remediation;

/// <summary>
/// Microsoft's two-credential rotation on <c>Microsoft.KeyVault.SecretNearExpiry</c>: for a secret tagged as an AI
/// account key (<c>ProviderAddress</c> = a Cognitive Services account or a Search service, <c>CredentialId</c> = the slot
/// it holds: key1/key2, primary/secondary), the
/// alternate slot — the one consumers do not use — is regenerated and stored as the new latest version, so consumers
/// get a whole validity period to pick it up. Uses the rotation's own audited activities. Auto and Approval act (the
/// slot is idle, so this routine step needs no approval), DryRun reports, Off does nothing. An event for a version that
/// is no longer the latest is a redelivery and is ignored, so one near-expiry rotates once.
/// </summary>
public sealed partial class ScheduledKeyRotation(SecretClient vault, ArmRestClient arm, RegenerateKeySlotActivity regenerate, StoreCurrentKeyActivity store, RotationOptions options, RotationPolicy policy)
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

        if (incoming.Data.ValueKind != JsonValueKind.Object || !incoming.Data.TryGetProperty("ObjectName", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
            || nameElement.GetString() is not { Length: > 0 } name)
        {
            return $"Event {incoming.Id} ignored: data.ObjectName is missing or not a string.";
        }

        if (!SecretName().IsMatch(name))
        {
            return $"Event {incoming.Id} ignored: data.ObjectName is not a Key Vault secret name (1 to 127 letters, digits and dashes).";
        }

        if (incoming.Data.TryGetProperty("VaultName", out var vaultName) && vaultName.ValueKind != JsonValueKind.Null)
        {
            if (vaultName.ValueKind != JsonValueKind.String || !VaultNameShape().IsMatch(vaultName.GetString()!))
            {
                return $"Event {incoming.Id} ignored: data.VaultName is not a Key Vault name.";
            }

            if (!vault.VaultUri.Host.StartsWith(vaultName.GetString() + ".", StringComparison.OrdinalIgnoreCase) && vault.VaultUri.Host is not ("127.0.0.1" or "localhost"))
            {
                return $"Event {incoming.Id} ignored: vault '{vaultName.GetString()}' is not the configured one.";
            }
        }

        if (incoming.Data.TryGetProperty("Version", out var versionElement) && versionElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return $"Event {incoming.Id} ignored: data.Version is {versionElement.ValueKind}, not a string.";
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

        if (incoming.Data.TryGetProperty("Version", out var eventVersion) && eventVersion.ValueKind == JsonValueKind.String && eventVersion.GetString() is { Length: > 0 } version
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

        Dictionary<string, string> tags;
        try
        {
            tags = ArmTags.Read(await arm.GetAsync(account, family.ApiVersion, cancellationToken).ConfigureAwait(false));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return $"Event {incoming.Id} ignored: the account of '{name}' no longer exists.";
        }

        if (policy.Refusal("scheduled-rotation", Core.Inventory.AzureAi.ArmId.SubscriptionOf(account), tags) is { } refusal)
        {
            return $"Event {incoming.Id}: {name} near expiry; not rotated: {refusal}.";
        }

        var alternate = family.Alternate(current);
        if (options.Mode == RotationMode.DryRun || RotationPolicy.CeilingOf(tags) == RotationMode.DryRun)
        {
            return $"Event {incoming.Id}: {name} near expiry; dry run: would regenerate {alternate} of {account[(account.LastIndexOf('/') + 1)..]} and store it as the latest version.";
        }

        var action = new KeySlotAction(account, alternate, "scheduled:" + secret.Id.AbsoluteUri);
        await regenerate.RunAsync(action, cancellationToken).ConfigureAwait(false);
        var stored = await store.RunAsync(action, cancellationToken).ConfigureAwait(false);
        return $"Event {incoming.Id}: {name} near expiry; regenerated {alternate} of {account[(account.LastIndexOf('/') + 1)..]} and stored it as {stored}.";
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9A-Za-z-]{1,127}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SecretName();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z][0-9A-Za-z-]{1,22}[0-9A-Za-z]$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex VaultNameShape();
}
