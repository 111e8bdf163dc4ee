using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AiSpm.Emulator.Storage;

/// <summary>
/// Puts a fixture's blobs into Azurite's Blob service, the real data plane the sampler reads: every file under
/// <c>blob/{account}/{container}/</c> becomes a block blob of that container (its path below the container as the
/// blob name, a content type from its extension), uploaded in name order. Start Azurite with the accounts of
/// <see cref="AccountsOf"/>.
/// </summary>
public static class BlobFixtureSeeder
{
    /// <summary>The storage account names a fixture holds blobs for (the folders under <c>blob/</c>).</summary>
    public static IReadOnlyList<string> AccountsOf(string fixtureFolder)
    {
        var root = Path.Combine(fixtureFolder, "blob");
        return Directory.Exists(root) ? [.. Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)] : [];
    }

    /// <summary>A Blob service client for an account Azurite serves (shared key, path-style endpoint).</summary>
    public static BlobServiceClient ClientFor(AzuriteProcess azurite, string accountName, BlobClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        return new BlobServiceClient(azurite.BlobServiceUri(accountName), new StorageSharedKeyCredential(accountName, AzuriteProcess.AccountKeyOf(accountName)), options);
    }

    /// <summary>Uploads the fixture's blobs; returns how many.</summary>
    public static async Task<int> SeedAsync(AzuriteProcess azurite, string fixtureFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var count = 0;
        foreach (var account in AccountsOf(fixtureFolder))
        {
            var service = ClientFor(azurite, account);
            foreach (var containerFolder in Directory.GetDirectories(Path.Combine(fixtureFolder, "blob", account)).Order(StringComparer.Ordinal))
            {
                var container = service.GetBlobContainerClient(Path.GetFileName(containerFolder));
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var file in Directory.GetFiles(containerFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var name = Path.GetRelativePath(containerFolder, file).Replace(Path.DirectorySeparatorChar, '/');
                    await using var content = File.OpenRead(file);
                    await container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ContentTypeOf(name) } }, cancellationToken).ConfigureAwait(false);
                    count++;
                }
            }
        }

        return count;
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".txt" or ".log" => "text/plain",
        ".md" => "text/markdown",
        ".csv" => "text/csv",
        ".json" => "application/json",
        ".html" or ".htm" => "text/html",
        ".pdf" => "application/pdf",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
