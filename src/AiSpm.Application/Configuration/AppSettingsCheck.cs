using AiSpm.Application.Notifications;
using AiSpm.Application.Outputs;
using AiSpm.Connectors.Storage;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Configuration;

/// <summary>
/// Checks the form of the settings no option class owns, before anything is reached over the network: identities are
/// GUIDs, URLs absolute and https where tokens or links go, the API timeout in range. A bad value is one error naming
/// its setting; nothing is replaced or ignored silently.
/// </summary>
public static class AppSettingsCheck
{
    /// <summary>Settings under AiSpm's prefixes read by the Functions host or the tooling rather than by the app.</summary>
    private static readonly string[] ReadElsewhere = ["AISPM_TASK_HUB", "AISPM_AZURITE", "AISPM_TEST_STORAGE", "AISPM_CHROMIUM"];

    /// <summary>Throws on the first malformed setting.</summary>
    /// <exception cref="StorageConfigurationException">A setting has the wrong form; the message names it.</exception>
    public static void Validate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        RequireGuid(configuration, AppSettingNames.ClientId, "the client id of the user-assigned managed identity");
        RequireGuid(configuration, AppSettingNames.OwnObjectId, "the object id of AiSpm's identity");
        _ = CloudApiTimeout.Read(configuration);
        _ = RotationModeSetting.Read(configuration);
        _ = DataSamplingSetting.Read(configuration);
        _ = SwitchSetting.Read(configuration, AppSettingNames.PowerPlatformEnabled);
        _ = TeamsNotifierOptions.ReportUriOf(configuration);
        try
        {
            _ = RuleDocLinks.Parse(configuration[AppSettingNames.RuleDocsUrl]);
        }
        catch (FormatException ex)
        {
            throw new StorageConfigurationException(AppSettingNames.RuleDocsUrl, $"'{AppSettingNames.RuleDocsUrl}': {ex.Message}");
        }
    }

    /// <summary>
    /// Settings under AiSpm's own prefixes (<c>AISPM_</c>, <c>Scan__</c>) that no part of AiSpm reads — usually a typo or
    /// a setting from an older version — so a host can warn instead of ignoring them silently.
    /// </summary>
    /// <param name="configuration">The settings.</param>
    /// <param name="alsoKnown">Names the calling host reads besides <see cref="AppSettingNames"/>.</param>
    public static IReadOnlyList<string> UnknownSettings(IConfiguration configuration, IEnumerable<string> alsoKnown)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(alsoKnown);
        var known = typeof(AppSettingNames).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)
            .Concat(alsoKnown).Concat(ReadElsewhere).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = new List<string>();
        foreach (var (key, _) in configuration.AsEnumerable())
        {
            if ((key.StartsWith("AISPM_", StringComparison.OrdinalIgnoreCase) || (key.StartsWith("Scan:", StringComparison.OrdinalIgnoreCase) && key.Count(c => c == ':') == 1))
                && !known.Contains(key))
            {
                unknown.Add(key.Replace(":", "__", StringComparison.Ordinal));
            }
        }

        return [.. unknown.Order(StringComparer.Ordinal)];
    }

    private static void RequireGuid(IConfiguration configuration, string setting, string meaning)
    {
        if (configuration[setting] is { } raw && raw.Trim().Length > 0 && !Guid.TryParseExact(raw.Trim(), "D", out _))
        {
            throw new StorageConfigurationException(setting, $"'{setting}' must be {meaning}, a GUID like 00000000-0000-0000-0000-000000000000, not '{raw}'.");
        }
    }
}
