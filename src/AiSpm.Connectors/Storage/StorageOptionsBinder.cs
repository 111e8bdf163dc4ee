using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Connectors.Storage;

/// <summary>
/// Reads <see cref="StorageOptions"/> from configuration the way the Functions host does: the key
/// <c>AzureWebJobsStorage</c> holds a connection string, and its children (<c>AzureWebJobsStorage__accountName</c>,
/// <c>__tableServiceUri</c>, …) the identity-based form.
/// </summary>
public static class StorageOptionsBinder
{
    /// <summary>Copies the settings into <paramref name="options"/>.</summary>
    /// <exception cref="StorageConfigurationException">A setting has the wrong form; the message names it.</exception>
    public static void Bind(IConfiguration configuration, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var section = configuration.GetSection(StorageOptions.SettingName);
        options.ConnectionString = section.Value;
        options.AccountName = Trimmed(section["accountName"]);
        options.TableServiceUri = ReadUri(section, "tableServiceUri");
        options.QueueServiceUri = ReadUri(section, "queueServiceUri");
        options.Credential = Trimmed(section["credential"]);
        options.ClientId = Trimmed(section["clientId"]);
        options.TablePrefix = section["tablePrefix"] ?? string.Empty;
        if (Trimmed(configuration[StorageOptions.TimeoutSettingName]) is { } timeout)
        {
            options.NetworkTimeout = int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 300
                ? TimeSpan.FromSeconds(seconds)
                : throw new StorageConfigurationException(StorageOptions.TimeoutSettingName,
                    $"'{StorageOptions.TimeoutSettingName}' must be a whole number of seconds from 1 to 300, not '{timeout}'.");
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Uri? ReadUri(IConfigurationSection section, string key)
    {
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var uri)
            ? uri
            : throw new StorageConfigurationException($"{StorageOptions.SettingName}__{key}", $"'{StorageOptions.SettingName}__{key}' is not an absolute URI: '{raw}'.");
    }
}
