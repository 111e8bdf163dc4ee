using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiSpm.Core.DataClassification;
using AiSpm.Core.Inventory.AzureAi;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AiSpm.Connectors.Collection;

/// <summary>
/// Reads a bounded sample of the blob containers that feed AI and classifies it (<see cref="ContentClassifier"/>):
/// per container one listing page, then the newest text-like blobs within <see cref="DataSamplingOptions"/>. Needs
/// Storage Blob Data Reader; a refused listing is recorded on the container, never an error of the scan. Content is
/// classified in memory and dropped; only counts, blob names and masked hints are kept.
/// </summary>
/// <param name="clients">The Blob service client of a storage account, by account name (Entra credential in Azure).</param>
/// <param name="classifier">Secret and personal-data detectors.</param>
/// <param name="options">The bounds.</param>
public sealed class GroundingContainerSampler(BlobAccountClients clients, ContentClassifier classifier, DataSamplingOptions options)
{
    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".md", ".markdown", ".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".xml", ".yaml", ".yml", ".html", ".htm", ".log", ".ini", ".conf", ".env", ".properties",
    };

    private static readonly HashSet<string> TextContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/json", "application/xml", "application/x-ndjson", "application/csv", "application/yaml", "application/x-yaml",
    };

    /// <summary>The bounds in use.</summary>
    public DataSamplingOptions Options => options;

    /// <summary>Samples the containers (by ARM id) within the collection's budgets; each gets a sample, or a reason it has none.</summary>
    public async Task<IReadOnlyDictionary<string, ContainerSample>> SampleAsync(IReadOnlyList<string> containerIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(containerIds);
        var samples = new Dictionary<string, ContainerSample>(StringComparer.OrdinalIgnoreCase);
        long budget = options.MaxBytesPerCollection;
        foreach (var (containerId, position) in containerIds.Select((id, i) => (id, i)))
        {
            if (position >= options.MaxContainers || budget <= 0)
            {
                samples[containerId] = new ContainerSample { StoppedBy = position >= options.MaxContainers ? $"the limit of {options.MaxContainers} containers per scan shard" : $"the limit of {options.MaxBytesPerCollection} bytes per scan shard" };
                continue;
            }

            var sample = await SampleOneAsync(containerId, budget, cancellationToken).ConfigureAwait(false);
            budget -= sample.BytesRead;
            samples[containerId] = sample;
        }

        return samples;
    }

    /// <summary><paramref name="row"/> (a container as ARM lists it) with the sample under <c>properties.dataSample</c>.</summary>
    public static JsonElement WithSample(JsonElement row, ContainerSample sample)
    {
        var node = JsonNode.Parse(row.GetRawText())!.AsObject();
        if (node["properties"] is not JsonObject properties)
        {
            node["properties"] = properties = [];
        }

        properties["dataSample"] = JsonSerializer.SerializeToNode(sample, JsonSerializerOptions.Web);
        return JsonSerializer.SerializeToElement(node);
    }

    private async Task<ContainerSample> SampleOneAsync(string containerId, long budget, CancellationToken cancellationToken)
    {
        var account = ArmId.TopLevelOf(containerId) is { } top ? top[(top.LastIndexOf('/') + 1)..] : null;
        if (account is null)
        {
            return new ContainerSample { StoppedBy = "not a container id" };
        }

        var container = clients.For(account).GetBlobContainerClient(containerId[(containerId.LastIndexOf('/') + 1)..]);
        var listed = new List<BlobItem>();
        bool truncated;
        try
        {
            await using var pages = container.GetBlobsAsync(new GetBlobsOptions(), cancellationToken).AsPages(pageSizeHint: options.MaxListedBlobs).GetAsyncEnumerator(cancellationToken);
            truncated = false;
            if (await pages.MoveNextAsync().ConfigureAwait(false))
            {
                listed.AddRange(pages.Current.Values);
                truncated = !string.IsNullOrEmpty(pages.Current.ContinuationToken);
            }
        }
        catch (RequestFailedException ex)
        {
            return new ContainerSample { RefusedStatus = ex.Status };
        }

        var types = new Dictionary<string, SampledType>(StringComparer.Ordinal);
        int read = 0, tooLarge = 0, notText = 0;
        long bytes = 0;
        string? stoppedBy = null;
        foreach (var blob in listed.OrderByDescending(b => b.Properties.LastModified ?? DateTimeOffset.MinValue).ThenBy(b => b.Name, StringComparer.Ordinal))
        {
            if (read >= options.MaxBlobsPerContainer)
            {
                break;
            }

            if (!IsText(blob))
            {
                notText++;
                continue;
            }

            var size = blob.Properties.ContentLength ?? 0;
            if (size > options.MaxBlobBytes)
            {
                tooLarge++;
                continue;
            }

            if (bytes + size > budget)
            {
                stoppedBy = "the byte limit per scan shard";
                break;
            }

            try
            {
                var content = await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                var data = content.Value.Content.ToMemory();
                var length = (int)Math.Min(data.Length, options.MaxBlobBytes);
                bytes += length;
                read++;
                ContainerSample.Add(types, blob.Name, classifier.Classify(Encoding.UTF8.GetString(data.Span[..length])));
            }
            catch (RequestFailedException ex) when (ex.Status is 403 or 404 or 409)
            {
                // Gone since the listing, or under a policy that refuses the read: skipped, the sample goes on.
            }
        }

        return new ContainerSample
        {
            BlobsListed = listed.Count,
            ListingTruncated = truncated,
            BlobsRead = read,
            BytesRead = bytes,
            SkippedTooLarge = tooLarge,
            SkippedNotText = notText,
            StoppedBy = stoppedBy,
            Types = types,
        };
    }

    private static bool IsText(BlobItem blob)
    {
        var contentType = blob.Properties.ContentType?.Split(';', 2)[0].Trim();
        if (contentType is { Length: > 0 } && (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || TextContentTypes.Contains(contentType)))
        {
            return true;
        }

        return (contentType is null or "" or "application/octet-stream") && TextExtensions.Contains(Path.GetExtension(blob.Name));
    }
}
