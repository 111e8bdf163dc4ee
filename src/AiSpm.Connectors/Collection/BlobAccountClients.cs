using AiSpm.Connectors.Arm;
using Azure.Core;
using Azure.Storage.Blobs;

namespace AiSpm.Connectors.Collection;

/// <summary>
/// The Blob service client of a storage account by name, for the data sample: in Azure
/// <c>https://{account}.blob.core.windows.net</c> with the installation's Entra credential, each call counted as
/// <c>blob-dataplane</c> on the ARM connection's counter. Development hosts replace the factory (Azurite).
/// </summary>
public sealed class BlobAccountClients(Func<string, BlobServiceClient> create)
{
    /// <summary>The client for <paramref name="accountName"/>.</summary>
    public BlobServiceClient For(string accountName) => create(accountName);

    /// <summary>Options with the call counter of <paramref name="connection"/> and its retry settings' spirit (few, short).</summary>
    public static BlobClientOptions CountedOptions(ArmConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 3;
        options.Diagnostics.IsLoggingContentEnabled = false;
        options.Diagnostics.ApplicationId = "aispm";
        options.AddPolicy(connection.CountingPolicy(ApiCallKinds.BlobDataPlane), Azure.Core.HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <summary>Clients for Azure Storage with <paramref name="credential"/> (Storage Blob Data Reader is enough).</summary>
    public static BlobAccountClients ForAzure(TokenCredential credential, ArmConnection connection)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var options = CountedOptions(connection);
        return new BlobAccountClients(account => new BlobServiceClient(new Uri($"https://{account}.blob.core.windows.net"), credential, options));
    }
}
