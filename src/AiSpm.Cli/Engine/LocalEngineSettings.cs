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
        if (WholeNumberSetting.Read(configuration, AppSettingNames.ActivityConcurrency, 1, 64) is { } concurrency)
        {
            options.ActivityConcurrency = concurrency;
        }

        if (WholeNumberSetting.Read(configuration, AppSettingNames.VisibilityTimeoutSeconds, 1, 600) is { } seconds)
        {
            options.VisibilityTimeout = TimeSpan.FromSeconds(seconds);
        }

        return options;
    }
}
