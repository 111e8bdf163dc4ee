using System.Globalization;
using AiSpm.Application.Configuration;
using AiSpm.Application.Notifications;
using AiSpm.Connectors.Storage;
using AiSpm.Core.Remediation;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>
/// How exposed keys are rotated: the mode (<c>AISPM_ROTATION_MODE</c>), how long consumers get to pick up the fresh key
/// before the exposed slot is regenerated (<c>AISPM_ROTATION_CONSUMER_WAIT</c>), how long an approval may take
/// (<c>AISPM_ROTATION_APPROVAL_TIMEOUT</c>), and where the approval links point.
/// </summary>
public sealed class RotationOptions
{
    /// <summary>The consumer wait setting.</summary>
    public const string ConsumerWaitSetting = "AISPM_ROTATION_CONSUMER_WAIT";

    /// <summary>The approval timeout setting.</summary>
    public const string ApprovalTimeoutSetting = "AISPM_ROTATION_APPROVAL_TIMEOUT";

    /// <summary>The longest consumer wait accepted.</summary>
    public static readonly TimeSpan MaxConsumerWait = TimeSpan.FromDays(7);

    /// <summary>The shortest and longest approval timeouts accepted.</summary>
    public static readonly (TimeSpan Min, TimeSpan Max) ApprovalTimeoutRange = (TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));

    /// <summary>Off, DryRun (default), Approval or Auto.</summary>
    public RotationMode Mode { get; init; } = RotationMode.DryRun;

    /// <summary>Between storing the fresh partner key and regenerating the exposed slot. Default 1 hour.</summary>
    public TimeSpan ConsumerWait { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long an approval card waits for an answer before the rotation is escalated. Default 24 hours.</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The root the Approve and Reject links are built on: <c>AISPM_PUBLIC_URL</c>, else <c>https://WEBSITE_HOSTNAME</c>;
    /// a local server sets its own address when neither is set.
    /// </summary>
    public Uri? LinkBase { get; set; }

    /// <summary>Reads the settings strictly: a malformed value is one error naming its setting.</summary>
    /// <exception cref="StorageConfigurationException">A setting is malformed or out of range.</exception>
    public static RotationOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new RotationOptions
        {
            Mode = RotationModeSetting.Read(configuration),
            ConsumerWait = ReadDuration(configuration, ConsumerWaitSetting, TimeSpan.FromHours(1), TimeSpan.Zero, MaxConsumerWait),
            ApprovalTimeout = ReadDuration(configuration, ApprovalTimeoutSetting, TimeSpan.FromHours(24), ApprovalTimeoutRange.Min, ApprovalTimeoutRange.Max),
            // The report function is {root}api/report: the links go under the same root, path included.
            LinkBase = TeamsNotifierOptions.ReportUriOf(configuration) is { } report ? new Uri(report, "..") : null,
        };
        return options;
    }

    private static TimeSpan ReadDuration(IConfiguration configuration, string setting, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        if (configuration[setting] is not { Length: > 0 } raw)
        {
            return fallback;
        }

        return TimeSpan.TryParseExact(raw.Trim(), "c", CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new StorageConfigurationException(setting,
                $"'{setting}' must be a duration [d.]hh:mm:ss between {min.ToString("c", CultureInfo.InvariantCulture)} and {max.ToString("c", CultureInfo.InvariantCulture)}, not '{raw}'.");
    }
}
