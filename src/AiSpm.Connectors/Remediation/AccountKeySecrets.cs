using System.Globalization;
using AiSpm.Core.Secrets;
using Azure;
using Azure.Security.KeyVault.Secrets;

namespace AiSpm.Connectors.Remediation;

/// <summary>
/// The Key Vault secret consumers read an account's key from: found by its <c>ProviderAddress</c> tag, else named
/// <c>aispm-{name}-key</c>; written with the tags rotation needs (slot, account, validity) and an expiry.
/// </summary>
public sealed class AccountKeySecrets(SecretClient vault, SecretFingerprinter fingerprinter, TimeProvider? time = null, int validityPeriodDays = 60)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The secret consumers read: the one tagged <c>ProviderAddress</c> = the resource, else <c>aispm-{name}-key</c>.</summary>
    public async Task<string> SecretNameAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        await foreach (var properties in vault.GetPropertiesOfSecretsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (properties.Tags.TryGetValue("ProviderAddress", out var address) && string.Equals(address, accountId, StringComparison.OrdinalIgnoreCase))
            {
                return properties.Name;
            }
        }

        return "aispm-" + accountId[(accountId.LastIndexOf('/') + 1)..].ToLowerInvariant() + "-key";
    }

    /// <summary>
    /// Stores <paramref name="value"/> as the current version of <paramref name="name"/>; with
    /// <paramref name="onlyIfDifferent"/>, a secret that already holds it (by fingerprint) is left as it is. Returns
    /// <c>name/version</c>, never the value.
    /// </summary>
    public async Task<string> StoreAsync(string name, string accountId, string slot, string value, bool onlyIfDifferent, CancellationToken cancellationToken = default)
    {
        if (onlyIfDifferent)
        {
            try
            {
                var current = await vault.GetSecretAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (current.Value.Value is { } held && fingerprinter.Compute(held) == fingerprinter.Compute(value))
                {
                    return $"{name}/{current.Value.Properties.Version} (already current)";
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // No secret yet: it is created below.
            }
        }

        var secret = new KeyVaultSecret(name, value);
        secret.Properties.Tags["CredentialId"] = slot.ToLowerInvariant();
        secret.Properties.Tags["ProviderAddress"] = accountId;
        secret.Properties.Tags["ValidityPeriodDays"] = validityPeriodDays.ToString(CultureInfo.InvariantCulture);
        secret.Properties.ExpiresOn = _time.GetUtcNow().AddDays(validityPeriodDays);
        secret.Properties.ContentType = "text/plain; aispm=ai-credential";
        var saved = await vault.SetSecretAsync(secret, cancellationToken).ConfigureAwait(false);
        return $"{name}/{saved.Value.Properties.Version}";
    }
}
