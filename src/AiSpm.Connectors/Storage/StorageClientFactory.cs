using AiSpm.Connectors.Persistence;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace AiSpm.Connectors.Storage;

/// <summary>
/// Builds the Azure SDK clients for AiSpm's tables and queues from validated <see cref="StorageOptions"/>, with the
/// retry and timeout policy of every storage call in one place: up to <see cref="MaxRetries"/> retries with
/// exponential back-off (the SDK honours Retry-After), each attempt bounded by <see cref="StorageOptions.NetworkTimeout"/>.
/// Queue messages are plain text, as Event Grid writes them and as host.json tells the queue trigger (<c>messageEncoding: none</c>).
/// </summary>
public static class StorageClientFactory
{
    /// <summary>Retries after the first attempt.</summary>
    public const int MaxRetries = 3;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(4);

    /// <summary>
    /// The longest a request can take against an endpoint that accepts connections but never answers: every attempt
    /// times out, plus the back-off between them (at most 1.2 × (0.4 + 0.8 + 1.6) s).
    /// </summary>
    public static TimeSpan MaxWait(TimeSpan networkTimeout) => ((MaxRetries + 1) * networkTimeout) + TimeSpan.FromSeconds(3.4);

    /// <summary>Creates the clients.</summary>
    /// <param name="options">Validated options (see <see cref="StorageOptionsValidator"/>).</param>
    /// <param name="configure">Adjusts the client options of both services (tests put a fault-injecting transport here).</param>
    /// <param name="credential">The token credential for identity-based access; by default from <see cref="StorageOptions.Credential"/> and <see cref="StorageOptions.ClientId"/>.</param>
    /// <exception cref="StorageConfigurationException">The options are invalid; the message names the setting.</exception>
    public static StorageClients Create(StorageOptions options, Action<ClientOptions>? configure = null, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new StorageOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new StorageConfigurationException(StorageOptions.SettingName, validation.FailureMessage);
        }

        var tableOptions = Configure(new TableClientOptions(), options.NetworkTimeout, configure);
        var queueOptions = Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }, options.NetworkTimeout, configure);
        if (!options.IsIdentityBased)
        {
            return new StorageClients(
                new TableServiceClient(options.ConnectionString, tableOptions),
                new QueueServiceClient(options.ConnectionString, queueOptions),
                UsesAccountKey: !options.ConnectionString!.Contains("SharedAccessSignature", StringComparison.OrdinalIgnoreCase),
                options.TablePrefix);
        }

        credential ??= string.Equals(options.Credential, "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(options.ClientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(options.ClientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ClientId });
        return new StorageClients(
            new TableServiceClient(options.ResolvedTableServiceUri!, credential, tableOptions),
            new QueueServiceClient(options.ResolvedQueueServiceUri!, credential, queueOptions),
            UsesAccountKey: false,
            options.TablePrefix);
    }

    /// <summary>What is wrong with a connection string, naming the setting and never quoting the string; null when both SDK clients accept it.</summary>
    public static string? ConnectionStringProblem(string connectionString)
    {
        try
        {
            _ = new TableServiceClient(connectionString);
            _ = new QueueServiceClient(connectionString);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            var hint = connectionString.Contains("AccountKey", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("SharedAccessSignature", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("UseDevelopmentStorage", StringComparison.OrdinalIgnoreCase)
                ? string.Empty
                : " It has no AccountKey (expected 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...' or 'UseDevelopmentStorage=true').";
            return $"Setting '{StorageOptions.SettingName}' is not a valid storage connection string: {ex.Message.Split('\n')[0].Trim()}{hint}";
        }
    }

    private static T Configure<T>(T clientOptions, TimeSpan networkTimeout, Action<ClientOptions>? configure)
        where T : ClientOptions
    {
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = MaxRetries;
        clientOptions.Retry.Delay = RetryDelay;
        clientOptions.Retry.MaxDelay = MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = networkTimeout;
        clientOptions.Diagnostics.ApplicationId = "aispm";
        clientOptions.Diagnostics.IsLoggingContentEnabled = false;
        configure?.Invoke(clientOptions);
        return clientOptions;
    }
}
