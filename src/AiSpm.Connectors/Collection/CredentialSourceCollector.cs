using System.Collections.Concurrent;
using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Remediation;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Inventory.Credentials;
using AiSpm.Core.Secrets;
using Azure;

namespace AiSpm.Connectors.Collection;

/// <summary>
/// Reads the places AI keys leak to — App Service / Functions app settings, Container Apps environment variables,
/// deployment history — for a batch of subscriptions, and scans them with the secret detectors. When an Azure key is
/// found, the AI accounts' keys are listed (in memory only) to attribute it by fingerprint. Values are never kept.
/// </summary>
public sealed class CredentialSourceCollector(ArmConnection connection, SecretFingerprinter fingerprinter, int maxParallelReads = 8, Func<Uri, string, Azure.Security.KeyVault.Secrets.SecretClient?>? vaults = null)
{
    private const string SourcesQuery =
        "resources | where type in~ ('microsoft.web/sites', 'microsoft.app/containerapps', 'microsoft.keyvault/vaults') | project id, name, type, kind, location, properties | order by id asc";

    private const string ResourceGroupsQuery =
        "resourcecontainers | where type =~ 'microsoft.resources/subscriptions/resourcegroups' | project id, name, subscriptionId | order by id asc";

    private static readonly string[] SourceTypes = ["microsoft.web/sites", "microsoft.app/containerapps", "microsoft.resources/deployments"];

    private readonly ResourceGraphClient _graph = new(connection);
    private readonly ArmRestClient _arm = new(connection);

    /// <summary>
    /// The credential source a resource id belongs to — an App Service / Functions site (also for its
    /// <c>config/appsettings</c>), a container app, or a resource-group deployment — or null when it is none of them.
    /// </summary>
    public static string? SourceOf(string resourceId)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        var topLevel = AzureAiCollector.TopLevelId(resourceId);
        return topLevel is not null && SourceTypes.Contains(AzureAiCollector.TypeOf(topLevel), StringComparer.Ordinal) ? topLevel : null;
    }

    /// <summary>
    /// Reads and scans one credential source (after a change event): a site's app settings, a container app's
    /// environment, or a deployment's parameters and outputs. A source that no longer exists counts as scanned with
    /// nothing exposed; any other failure is returned as an error and nothing counts as scanned. Keys found are not
    /// attributed here (no accounts are read): the run attributes them when it closes.
    /// </summary>
    public async Task<(CredentialInventory Inventory, IReadOnlyList<CollectionError> Errors)> CollectSourceAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        var source = SourceOf(sourceId) ?? throw new ArgumentException($"'{sourceId}' is not a site, container app or deployment.", nameof(sourceId));
        var builder = new CredentialInventoryBuilder(fingerprinter);
        try
        {
            switch (AzureAiCollector.TypeOf(source))
            {
                case "microsoft.web/sites":
                    builder.AddAppSettings(source, await _arm.PostActionAsync(source, "config/appsettings/list", "2023-12-01", cancellationToken: cancellationToken).ConfigureAwait(false));
                    break;
                case "microsoft.app/containerapps":
                    builder.AddContainerApp(await _arm.GetAsync(source, "2024-03-01", cancellationToken).ConfigureAwait(false));
                    break;
                default:
                    builder.AddDeployment(await _arm.GetAsync(source, "2021-04-01", cancellationToken).ConfigureAwait(false));
                    break;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            builder.AddRemovedSource(source);
        }
        catch (Exception ex) when (ex is RequestFailedException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (CredentialInventory.Empty, [new CollectionError(source, "arm:credential-source", (ex as RequestFailedException)?.Status ?? 0, ex.Message.Split('\n')[0])]);
        }

        return (builder.Build(), []);
    }

    /// <summary>Collects and scans the credential sources of the subscriptions; <paramref name="aiInventory"/> supplies the accounts for attribution.</summary>
    public async Task<(CredentialInventory Inventory, IReadOnlyList<CollectionError> Errors)> CollectAsync(IReadOnlyList<string> subscriptions, AiInventory aiInventory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aiInventory);
        var errors = new ConcurrentBag<CollectionError>();
        var builder = new CredentialInventoryBuilder(fingerprinter);
        var sources = new List<JsonElement>();
        var groups = new List<string>();
        try
        {
            await foreach (var row in _graph.QueryAsync(subscriptions, SourcesQuery, cancellationToken).ConfigureAwait(false))
            {
                sources.Add(row);
            }

            await foreach (var row in _graph.QueryAsync(subscriptions, ResourceGroupsQuery, cancellationToken).ConfigureAwait(false))
            {
                groups.Add(row.GetProperty("id").GetString()!);
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or InvalidDataException or JsonException)
        {
            errors.Add(new CollectionError($"subscriptions {subscriptions.FirstOrDefault()}…({subscriptions.Count})", "resourcegraph:credential-sources", (ex as RequestFailedException)?.Status ?? 0, ex.Message.Split('\n')[0]));
            return (CredentialInventory.Empty, errors.ToList());
        }

        var gate = new object();
        foreach (var app in sources.Where(s => s.GetProperty("type").GetString()!.Equals("microsoft.app/containerapps", StringComparison.OrdinalIgnoreCase)))
        {
            builder.AddContainerApp(app);
        }

        // Deployment history is read only in resource groups that hold AI resources or apps: that is where templates
        // that create or hand out AI keys run, and it keeps the reads proportional to the AI estate, not to the tenant.
        var relevantGroups = aiInventory.Resources.Select(r => r.Id).Concat(sources.Select(s => s.GetProperty("id").GetString()!))
            .Select(id => $"/subscriptions/{ArmId.SubscriptionOf(id)}/resourceGroups/{ArmId.ResourceGroupOf(id)}")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var reads = sources.Where(s => s.GetProperty("type").GetString()!.Equals("microsoft.web/sites", StringComparison.OrdinalIgnoreCase))
            .Select(s => (Kind: "appsettings", Id: s.GetProperty("id").GetString()!))
            .Concat(groups.Where(relevantGroups.Contains).Select(g => (Kind: "deployments", Id: g)))
            .ToList();
        await Parallel.ForEachAsync(reads, new ParallelOptions { MaxDegreeOfParallelism = maxParallelReads, CancellationToken = cancellationToken }, async (read, ct) =>
        {
            try
            {
                if (read.Kind == "appsettings")
                {
                    var settings = await _arm.PostActionAsync(read.Id, "config/appsettings/list", "2023-12-01", cancellationToken: ct).ConfigureAwait(false);
                    lock (gate)
                    {
                        builder.AddAppSettings(read.Id, settings);
                    }
                }
                else
                {
                    await foreach (var deployment in _arm.ListAsync($"{read.Id}/providers/Microsoft.Resources/deployments", "2021-04-01", ct).ConfigureAwait(false))
                    {
                        lock (gate)
                        {
                            builder.AddDeployment(deployment);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is RequestFailedException or JsonException)
            {
                errors.Add(new CollectionError(read.Id, "arm:" + read.Kind, (ex as RequestFailedException)?.Status ?? 0, ex.Message.Split('\n')[0]));
            }
        }).ConfigureAwait(false);

        if (vaults is not null)
        {
            foreach (var vault in sources.Where(s => s.GetProperty("type").GetString()!.Equals("microsoft.keyvault/vaults", StringComparison.OrdinalIgnoreCase)))
            {
                await ReadVaultAsync(vault, builder, gate, errors, cancellationToken).ConfigureAwait(false);
            }
        }

        if (builder.NeedsAttribution)
        {
            var accounts = aiInventory.Resources.Where(r => r.Family is AiResourceFamily.CognitiveServicesAccount or AiResourceFamily.SearchService).ToList();
            await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = maxParallelReads, CancellationToken = cancellationToken }, async (account, ct) =>
            {
                try
                {
                    var family = account.Family == AiResourceFamily.SearchService ? RotatableKeyFamily.SearchAdmin : RotatableKeyFamily.CognitiveServices;
                    var keys = await _arm.PostActionAsync(account.Id, family.ListAction, family.ApiVersion, cancellationToken: ct).ConfigureAwait(false);
                    lock (gate)
                    {
                        builder.AddAccountKeys(account.Id, keys);
                    }
                }
                catch (RequestFailedException ex)
                {
                    // Local auth off (keys refused) or no listKeys permission: the exposure stays unattributed.
                    errors.Add(new CollectionError(account.Id, "arm:listKeys", ex.Status, ex.Message.Split('\n')[0]));
                }
            }).ConfigureAwait(false);
        }

        return (builder.Build(), errors.ToList());
    }

    private async Task ReadVaultAsync(JsonElement vault, CredentialInventoryBuilder builder, object gate, ConcurrentBag<CollectionError> errors, CancellationToken cancellationToken)
    {
        var id = vault.GetProperty("id").GetString()!;
        var name = vault.GetProperty("name").GetString()!;
        var uri = vault.TryGetProperty("properties", out var p) && p.TryGetProperty("vaultUri", out var u) && Uri.TryCreate(u.GetString(), UriKind.Absolute, out var parsed)
            ? parsed
            : new Uri($"https://{name}.vault.azure.net/");
        var client = vaults!(uri, name);
        if (client is null)
        {
            return;
        }

        try
        {
            await foreach (var properties in client.GetPropertiesOfSecretsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (properties.Managed)
                {
                    continue;
                }

                var metadata = new VaultSecret(id, properties.Name, properties.Enabled ?? true, properties.ExpiresOn, properties.UpdatedOn, properties.ContentType,
                    new Dictionary<string, string>(properties.Tags, StringComparer.OrdinalIgnoreCase), null, null);
                string? value = null;
                if (metadata.IsAiCredential && metadata.Enabled)
                {
                    // Read in memory only, to fingerprint and attribute; the value is dropped by the builder.
                    value = (await client.GetSecretAsync(properties.Name, cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Value;
                }

                lock (gate)
                {
                    builder.AddVaultSecret(metadata, value);
                }
            }
        }
        catch (RequestFailedException ex)
        {
            errors.Add(new CollectionError(id, "keyvault:secrets", ex.Status, ex.Message.Split('\n')[0]));
        }
    }
}
