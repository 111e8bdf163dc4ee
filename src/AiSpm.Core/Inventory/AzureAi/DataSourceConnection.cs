namespace AiSpm.Core.Inventory.AzureAi;

/// <summary>
/// What an AI Search data source's connection string says, without the secret in it: how it authenticates and what
/// it points at (an ARM id from <c>ResourceId=</c>, else a storage account name from <c>AccountName=</c> or a blob
/// endpoint host). Read once where the string is received; only this record goes further.
/// </summary>
/// <param name="Kind">How the data source authenticates.</param>
/// <param name="ResourceId">The ARM id of the data's resource, when the string names it.</param>
/// <param name="AccountName">The storage account name, when the string names one without an ARM id.</param>
public sealed record DataSourceConnection(DataSourceCredentialKind Kind, string? ResourceId, string? AccountName)
{
    /// <summary>Nothing known.</summary>
    public static DataSourceConnection Unknown { get; } = new(DataSourceCredentialKind.Unknown, null, null);

    /// <summary>Reads <paramref name="connectionString"/> (null, empty and placeholders such as <c>&lt;unchanged&gt;</c> are <see cref="Unknown"/>).</summary>
    public static DataSourceConnection Read(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString) || connectionString.TrimStart().StartsWith('<'))
        {
            return Unknown;
        }

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
            }
        }

        if (parts.Count == 0)
        {
            return Unknown;
        }

        var resourceId = parts.GetValueOrDefault("ResourceId") is { Length: > 0 } id && id.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) ? id.TrimEnd('/') : null;
        var account = parts.GetValueOrDefault("AccountName") is { Length: > 0 } name ? name
            : HostAccount(parts.GetValueOrDefault("BlobEndpoint")) ?? HostAccount(parts.GetValueOrDefault("ContainerSharedAccessUri"));
        var kind = parts.ContainsKey("AccountKey") ? DataSourceCredentialKind.AccountKey
            : parts.ContainsKey("SharedAccessSignature") || parts.ContainsKey("ContainerSharedAccessUri") || connectionString.Contains("sig=", StringComparison.OrdinalIgnoreCase) ? DataSourceCredentialKind.SharedAccessSignature
            : parts.ContainsKey("Password") || parts.ContainsKey("Pwd") || (resourceId is null && (parts.ContainsKey("Server") || parts.ContainsKey("Data Source"))) ? DataSourceCredentialKind.Password
            : resourceId is not null ? DataSourceCredentialKind.ManagedIdentity
            : DataSourceCredentialKind.Unknown;
        return new DataSourceConnection(kind, resourceId, resourceId is null ? account : null);
    }

    private static string? HostAccount(string? url) =>
        url is { Length: > 0 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Contains(".blob.", StringComparison.OrdinalIgnoreCase)
            ? uri.Host[..uri.Host.IndexOf('.', StringComparison.Ordinal)]
            : null;
}
