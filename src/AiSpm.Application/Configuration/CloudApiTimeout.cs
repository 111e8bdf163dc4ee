using System.Globalization;
using AiSpm.Connectors.Storage;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Configuration;

/// <summary>
/// How long one Resource Manager, Resource Graph or Key Vault request attempt waits for an answer
/// (<c>AISPM_API_TIMEOUT_SECONDS</c>, 1–300, default 30); a Microsoft Graph call, whose SDK retries throttling inside
/// one HTTP call, gets <see cref="GraphCallMultiplier"/> times as long in all.
/// </summary>
public sealed record CloudApiTimeout(TimeSpan PerAttempt)
{
    /// <summary>The default per-attempt timeout.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    /// <summary>A Graph call (its throttling retries included) may take this many attempts' time.</summary>
    public const int GraphCallMultiplier = 4;

    /// <summary>The whole-call bound of a Microsoft Graph request.</summary>
    public TimeSpan GraphCall => PerAttempt * GraphCallMultiplier;

    /// <summary>Reads the setting strictly.</summary>
    /// <exception cref="StorageConfigurationException">The value is not a whole number of seconds from 1 to 300.</exception>
    public static CloudApiTimeout Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[AppSettingNames.ApiTimeoutSeconds] is not { } raw || raw.Trim().Length == 0)
        {
            return new CloudApiTimeout(Default);
        }

        return int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 300
            ? new CloudApiTimeout(TimeSpan.FromSeconds(seconds))
            : throw new StorageConfigurationException(AppSettingNames.ApiTimeoutSeconds, $"'{AppSettingNames.ApiTimeoutSeconds}' must be a whole number of seconds from 1 to 300, not '{raw}'.");
    }
}
