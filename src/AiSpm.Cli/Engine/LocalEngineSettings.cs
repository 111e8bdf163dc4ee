using System.Globalization;
using AiSpm.Application.Configuration;
using AiSpm.Connectors.Storage;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Cli.Engine;

/// <summary>Reads <see cref="LocalEngineOptions"/> from the settings, strictly: a malformed value is one error naming its setting.</summary>
public static class LocalEngineSettings
{
    /// <summary>The engine's options from <c>Scan__ActivityConcurrency</c> (1–64, default 8) and <c>Scan__VisibilityTimeoutSeconds</c> (1–600, default 20).</summary>
    /// <exception cref="StorageConfigurationException">A setting has the wrong form; the message names it.</exception>
    public static LocalEngineOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new LocalEngineOptions();
        if (configuration[AppSettingNames.ActivityConcurrency] is { Length: > 0 } concurrency)
        {
            options.ActivityConcurrency = int.TryParse(concurrency, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64
                ? n
                : throw new StorageConfigurationException("Scan__ActivityConcurrency", $"'Scan__ActivityConcurrency' must be a whole number from 1 to 64, not '{concurrency}'.");
        }

        if (configuration[AppSettingNames.VisibilityTimeoutSeconds] is { Length: > 0 } visibility)
        {
            options.VisibilityTimeout = int.TryParse(visibility, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 600
                ? TimeSpan.FromSeconds(seconds)
                : throw new StorageConfigurationException("Scan__VisibilityTimeoutSeconds", $"'Scan__VisibilityTimeoutSeconds' must be a whole number from 1 to 600, not '{visibility}'.");
        }

        return options;
    }
}
