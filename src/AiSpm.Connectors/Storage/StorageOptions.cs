namespace AiSpm.Connectors.Storage;

/// <summary>
/// Where AiSpm keeps its tables and queues. Mirrors the Functions host's own <c>AzureWebJobsStorage</c> setting, so
/// one storage account serves the host and AiSpm: either a connection string (<c>AzureWebJobsStorage</c>; Azurite:
/// <c>UseDevelopmentStorage=true</c>), or identity-based through the children <c>AzureWebJobsStorage__accountName</c>
/// (or <c>__tableServiceUri</c> and <c>__queueServiceUri</c>), <c>__credential</c> and <c>__clientId</c>.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration key (and section) the options come from.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    /// <summary>The setting that bounds how long one storage request may wait for an answer.</summary>
    public const string TimeoutSettingName = "AISPM_STORAGE_TIMEOUT_SECONDS";

    /// <summary>A storage connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Account name for identity-based access in the public cloud (endpoints derived from it).</summary>
    public string? AccountName { get; set; }

    /// <summary>Table endpoint for identity-based access.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Queue endpoint for identity-based access.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary><c>managedidentity</c> to use only the managed identity; empty for the default credential chain.</summary>
    public string? Credential { get; set; }

    /// <summary>Client id of the user-assigned managed identity to use, if any.</summary>
    public string? ClientId { get; set; }

    /// <summary>Prefix of AiSpm's table and queue names (letters and digits), so installations can share an account.</summary>
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>
    /// How long one attempt of a storage request may wait for an answer (default 10 s). With the retries of
    /// <see cref="StorageClientFactory"/> an endpoint that never answers fails after at most
    /// <see cref="StorageClientFactory.MaxWait"/>.
    /// </summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when the options describe identity-based access.</summary>
    public bool IsIdentityBased => string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>The table endpoint of identity-based access: <see cref="TableServiceUri"/>, else derived from <see cref="AccountName"/>.</summary>
    public Uri? ResolvedTableServiceUri => TableServiceUri ?? (string.IsNullOrWhiteSpace(AccountName) ? null : new Uri($"https://{AccountName}.table.core.windows.net"));

    /// <summary>The queue endpoint of identity-based access: <see cref="QueueServiceUri"/>, else derived from <see cref="AccountName"/>.</summary>
    public Uri? ResolvedQueueServiceUri => QueueServiceUri ?? (string.IsNullOrWhiteSpace(AccountName) ? null : new Uri($"https://{AccountName}.queue.core.windows.net"));
}
