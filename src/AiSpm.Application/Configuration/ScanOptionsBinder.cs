using AiSpm.Connectors.Storage;
using AiSpm.Application.Scanning;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Configuration;

/// <summary>Reads <see cref="ScanOptions"/> from the app settings, strictly: a malformed value is one error naming its setting.</summary>
public static class ScanOptionsBinder
{
    /// <summary>Copies the settings into <paramref name="options"/>.</summary>
    /// <exception cref="StorageConfigurationException">A setting has the wrong form; the message names it.</exception>
    public static void Bind(IConfiguration configuration, ScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        if (WholeNumberSetting.Read(configuration, AppSettingNames.SubscriptionsPerShard, 1, 300) is { } perShard)
        {
            options.SubscriptionsPerShard = perShard;
        }

        if (configuration[AppSettingNames.FingerprintKey] is { Length: > 0 } fingerprintKey)
        {
            var bytes = new byte[fingerprintKey.Length];
            options.FingerprintKey = Convert.TryFromBase64String(fingerprintKey, bytes, out var length) && length >= 32
                ? bytes[..length]
                : throw new StorageConfigurationException(AppSettingNames.FingerprintKey, $"'{AppSettingNames.FingerprintKey}' must be base64 of at least 32 bytes.");
        }

        foreach (var subscription in (configuration[AppSettingNames.Subscriptions] ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            options.Subscriptions.Add(Guid.TryParse(subscription, out _)
                ? subscription
                : throw new StorageConfigurationException(AppSettingNames.Subscriptions, $"'{AppSettingNames.Subscriptions}' holds '{subscription}', which is not a subscription id."));
        }
    }

    /// <summary>
    /// The fingerprint key an installation without <c>AISPM_FINGERPRINT_KEY</c> uses: derived from its table endpoint
    /// and prefix, so it is stable across restarts of one installation and differs between installations.
    /// </summary>
    public static byte[] DerivedFingerprintKey(Uri tableEndpoint, string prefix) =>
        System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("aispm-fingerprint-v1"),
            System.Text.Encoding.UTF8.GetBytes($"{tableEndpoint.GetLeftPart(UriPartial.Path).ToLowerInvariant()}|{prefix}"));
}
