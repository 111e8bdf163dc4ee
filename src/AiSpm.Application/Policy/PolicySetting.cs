using AiSpm.Application.Configuration;
using AiSpm.Connectors.Storage;
using AiSpm.Core.Policy;
using Azure.Core;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Policy;

/// <summary>
/// Reads <c>AISPM_POLICY</c> at start-up: empty is <see cref="ScanPolicy.Default"/>; a path is read from the file
/// system (relative to the working directory); an https URL is read as a blob with the app's identity (Storage Blob
/// Data Reader on the container). A policy that does not parse stops the start with every problem as file:line: key.
/// </summary>
public static class PolicySetting
{
    /// <summary>The policy the setting names.</summary>
    /// <exception cref="StorageConfigurationException">The file or blob is missing, unreadable or invalid; the message names the setting and each problem.</exception>
    public static ScanPolicy Load(IConfiguration configuration, TokenCredential? credential, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[AppSettingNames.Policy]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return ScanPolicy.Default;
        }

        try
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                if (uri.Scheme != Uri.UriSchemeHttps || credential is null)
                {
                    throw new StorageConfigurationException(AppSettingNames.Policy, $"'{AppSettingNames.Policy}' must be a file path or the https URL of a blob, not '{value}'.");
                }

                var text = new BlobClient(uri, credential).DownloadContent().Value.Content.ToString();
                return PolicyFileReader.Read(text, uri.GetLeftPart(UriPartial.Path), now);
            }

            return PolicyFileReader.ReadFile(value, now);
        }
        catch (PolicyFileException ex)
        {
            // One line per problem, each naming the setting and the file:line: key.
            throw new StorageConfigurationException(AppSettingNames.Policy, string.Join('\n', ex.Problems.Select(p => $"'{AppSettingNames.Policy}': {p}")));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Azure.RequestFailedException)
        {
            throw new StorageConfigurationException(AppSettingNames.Policy, $"'{AppSettingNames.Policy}': cannot read '{value}': {ex.Message.Split('\n')[0]}");
        }
    }
}
