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
        return WholeNumberSetting.Read(configuration, AppSettingNames.ApiTimeoutSeconds, 1, 300, "seconds") is { } seconds
            ? new CloudApiTimeout(TimeSpan.FromSeconds(seconds))
            : new CloudApiTimeout(Default);
    }
}
