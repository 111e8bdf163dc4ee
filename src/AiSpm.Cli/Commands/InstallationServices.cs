using AiSpm.Connectors.Storage;
using AiSpm.Application.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Cli.Commands;

/// <summary>The services of an installation as the CLI verbs build them: the app settings (local.settings.json, environment) through <see cref="AiSpmServiceCollectionExtensions.AddAiSpm"/>.</summary>
internal static class InstallationServices
{
    /// <summary>Builds the provider; <paramref name="overrides"/> replace settings, <paramref name="configure"/> replaces services.</summary>
    public static ServiceProvider Build(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection().AddAiSpm(AppConfiguration.Build(overrides: overrides));
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>Setting overrides for a storage connection string given on the command line, if any.</summary>
    public static Dictionary<string, string?> StorageOverrides(string? connectionString, string? prefix = null)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (connectionString is not null)
        {
            overrides[StorageOptions.SettingName] = connectionString;
        }

        if (prefix is not null)
        {
            overrides[$"{StorageOptions.SettingName}:tablePrefix"] = prefix;
        }

        return overrides;
    }
}
