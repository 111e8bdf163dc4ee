using AiSpm.Connectors.Storage;
using AiSpm.Connectors.Teams;
using AiSpm.Core.Findings;
using AiSpm.Application.Configuration;
using AiSpm.Application.Outputs;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Notifications;

/// <summary>Settings of Teams notifications (<c>AISPM_TEAMS_WEBHOOK_URL</c> turns them on).</summary>
public sealed class TeamsNotifierOptions
{
    /// <summary>The setting holding the Workflows webhook URL (a secret).</summary>
    public const string WebhookSetting = "AISPM_TEAMS_WEBHOOK_URL";

    /// <summary>The Workflows webhook URL.</summary>
    public required Uri WebhookUri { get; init; }

    /// <summary>Findings at this severity or above get their own card.</summary>
    public Severity AlertSeverity { get; init; } = Severity.High;

    /// <summary>At most this many finding cards per run; the rest follow after later runs.</summary>
    public int MaxAlertsPerRun { get; init; } = 25;

    /// <summary>Top risks listed in a digest.</summary>
    public int DigestTopRisks { get; init; } = 10;

    /// <summary>How long a run's notifications may take in all before they give up until the next run.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Where the rule pages are published; alert cards link to them when a URL is known.</summary>
    public RuleDocLinks RuleDocs { get; init; } = RuleDocLinks.PathsOnly;

    /// <summary>The installation's report function; the digest links to it when known.</summary>
    public Uri? ReportUri { get; init; }

    /// <summary>Pipeline options (retries, transport).</summary>
    public TeamsWebhookOptions Pipeline { get; init; } = new();

    /// <summary>
    /// The options from <see cref="WebhookSetting"/>, or null when it is not set. The URL is a secret (it carries its
    /// signature): a malformed value is reported by setting name only, never echoed.
    /// </summary>
    /// <exception cref="StorageConfigurationException">The setting is not an https URL.</exception>
    public static TeamsNotifierOptions? FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[WebhookSetting] is not { Length: > 0 } url)
        {
            return null;
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new StorageConfigurationException(WebhookSetting, $"'{WebhookSetting}' must be an https URL (a Teams Workflows webhook).");
        }

        RuleDocLinks docs;
        try
        {
            docs = RuleDocLinks.Parse(configuration[RuleDocLinks.Setting]);
        }
        catch (FormatException ex)
        {
            throw new StorageConfigurationException(RuleDocLinks.Setting, $"'{RuleDocLinks.Setting}': {ex.Message}");
        }

        return new TeamsNotifierOptions { WebhookUri = uri, RuleDocs = docs, ReportUri = ReportUriOf(configuration) };
    }

    /// <summary>
    /// The report function's URL: under <c>AISPM_PUBLIC_URL</c> when set (a custom domain or front door), else under
    /// the app's own host name (<c>WEBSITE_HOSTNAME</c>, set by the platform); null locally.
    /// </summary>
    /// <exception cref="StorageConfigurationException"><c>AISPM_PUBLIC_URL</c> is not an absolute https URL.</exception>
    public static Uri? ReportUriOf(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[AppSettingNames.PublicUrl] is { Length: > 0 } publicUrl)
        {
            return Uri.TryCreate(publicUrl.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var root) && root.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(root.Query)
                ? new Uri(root, "api/report")
                : throw new StorageConfigurationException(AppSettingNames.PublicUrl, $"'{AppSettingNames.PublicUrl}' must be the https URL the app is reached at (e.g. https://aispm.contoso.com); got '{publicUrl}'.");
        }

        return configuration[AppSettingNames.PlatformHostName] is { Length: > 0 } host && Uri.CheckHostName(host.Trim()) != UriHostNameType.Unknown
            ? new Uri($"https://{host.Trim()}/api/report")
            : null;
    }
}
