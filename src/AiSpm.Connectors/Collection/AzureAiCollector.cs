using System.Collections.Concurrent;
using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Core.Inventory.AzureAi;
using Azure;

namespace AiSpm.Connectors.Collection;

/// <summary>
/// Collects the Azure AI inventory: one Resource Graph query per batch of subscriptions (paged 1,000 rows at a
/// time), then, per AI resource, the ARM reads Resource Graph cannot answer (child collections it does not index,
/// diagnostic settings), bounded in parallelism and budget; then one Models API list per (subscription, location)
/// holding an account with OpenAI-format deployments, so the retirement rules read live model lifecycle. A failing
/// batch or read becomes a <see cref="CollectionError"/>; the collection goes on.
/// </summary>
public sealed class AzureAiCollector(ArmConnection connection, AzureAiCollectorOptions? options = null)
{
    private readonly AzureAiCollectorOptions _options = options ?? new AzureAiCollectorOptions();
    private readonly ResourceGraphClient _graph = new(connection);
    private readonly ArmRestClient _arm = new(connection);

    /// <summary>The subscriptions the credential can read.</summary>
    public async Task<IReadOnlyList<string>> ListSubscriptionsAsync(CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        await foreach (var subscription in _arm.ListAsync("subscriptions", AzureAiQueries.SubscriptionsApiVersion, cancellationToken).ConfigureAwait(false))
        {
            if (subscription.TryGetProperty("subscriptionId", out var id) && id.GetString() is { Length: > 0 } value)
            {
                ids.Add(value);
            }
        }

        return ids;
    }

    /// <summary>Collects the AI resources of the given subscriptions.</summary>
    public async Task<AzureAiCollection> CollectAsync(IReadOnlyList<string> subscriptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        var errors = new ConcurrentBag<CollectionError>();
        var rows = new List<JsonElement>();
        foreach (var batch in subscriptions.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(Math.Clamp(_options.SubscriptionsPerQuery, 1, ResourceGraphClient.MaxSubscriptionsPerQuery)))
        {
            var batchRows = new List<JsonElement>();
            try
            {
                await foreach (var row in _graph.QueryAsync(batch, AzureAiQueries.AiResources, cancellationToken).ConfigureAwait(false))
                {
                    batchRows.Add(row);
                }

                rows.AddRange(batchRows);
            }
            catch (Exception ex) when (ex is RequestFailedException or InvalidDataException or JsonException)
            {
                errors.Add(new CollectionError($"subscriptions {batch[0]}…({batch.Length})", "resourcegraph:resources", (ex as RequestFailedException)?.Status ?? 0, OneLine(ex)));
            }
        }

        var builder = new AiInventoryBuilder(diagnosticSettingsCollected: _options.CollectDiagnosticSettings);
        foreach (var row in rows)
        {
            AddRow(builder, row, "resourcegraph", errors);
        }

        var indexedChildTypes = rows
            .Select(TypeOfRow)
            .Where(t => t is not null && t.Count(c => c == '/') >= 2)
            .ToHashSet(StringComparer.Ordinal);
        var reads = PlanReads(rows, indexedChildTypes);
        var budget = _options.MaxArmReads;
        // The AI Search data planes are another service: read beside the ARM reads.
        var searchRead = _options.CollectSearchDataPlane
            ? ReadSearchDataPlanesAsync([.. InventoryOf(rows.Where(r => TypeOfRow(r) == AiResourceTypes.SearchService)).Resources], errors, () => Interlocked.Decrement(ref budget) >= 0, cancellationToken)
            : Task.FromResult(new List<JsonElement>());
        var extra = new ConcurrentBag<JsonElement>();
        await Parallel.ForEachAsync(
            reads,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelArmReads), CancellationToken = cancellationToken },
            async (read, ct) =>
            {
                if (Interlocked.Decrement(ref budget) < 0)
                {
                    errors.Add(new CollectionError(read.ResourceId, read.Operation, 0, "ARM read budget exhausted; details left unknown."));
                    if (read.IsDiagnostics)
                    {
                        lock (builder)
                        {
                            builder.DiagnosticsNotCollectedFor(read.ResourceId);
                        }
                    }

                    return;
                }

                try
                {
                    await foreach (var item in _arm.ListAsync(read.Path, read.ApiVersion, ct).ConfigureAwait(false))
                    {
                        extra.Add(item);
                    }
                }
                catch (Exception ex) when (ex is RequestFailedException or JsonException)
                {
                    errors.Add(new CollectionError(read.ResourceId, read.Operation, (ex as RequestFailedException)?.Status ?? 0, OneLine(ex)));
                    if (read.IsDiagnostics)
                    {
                        lock (builder)
                        {
                            builder.DiagnosticsNotCollectedFor(read.ResourceId);
                        }
                    }
                }
            }).ConfigureAwait(false);

        // Foundry projects hold connections of their own: one more list per project the first round returned.
        await ListProjectConnectionsAsync([.. extra], extra, errors, () => Interlocked.Decrement(ref budget) >= 0, cancellationToken).ConfigureAwait(false);
        foreach (var item in extra)
        {
            AddRow(builder, item, "arm", errors);
        }

        var searchRows = await searchRead.ConfigureAwait(false);
        foreach (var row in searchRows)
        {
            AddRow(builder, row, "search", errors);
        }

        // The links to grounding data and the storage they name: small inventories of just those rows, not the whole one.
        var linkRows = extra.Concat(rows).Concat(searchRows).Where(r => TypeOfRow(r) is { } type && AiResourceTypes.FamilyOf(type) is
            AiResourceFamily.CognitiveServicesConnection or AiResourceFamily.MachineLearningConnection or AiResourceFamily.MachineLearningDatastore or AiResourceFamily.SearchDataSource).ToList();
        var storageRows = await CollectGroundingStorageAsync(InventoryOf(linkRows), subscriptions, errors, cancellationToken).ConfigureAwait(false);
        foreach (var row in storageRows)
        {
            AddRow(builder, row, "resourcegraph", errors);
        }

        var containers = (await ListGroundingContainersAsync(InventoryOf([.. linkRows, .. storageRows]), errors, () => Interlocked.Decrement(ref budget) >= 0, cancellationToken).ConfigureAwait(false))
            .OrderBy(c => c.GetProperty("id").GetString(), StringComparer.OrdinalIgnoreCase).ToList();
        if (_options.Sampler is { } sampler && containers.Count > 0)
        {
            var samples = await sampler.SampleAsync([.. containers.Select(c => c.GetProperty("id").GetString()!)], cancellationToken).ConfigureAwait(false);
            containers = [.. containers.Select(c => samples.TryGetValue(c.GetProperty("id").GetString()!, out var sample) ? GroundingContainerSampler.WithSample(c, sample) : c)];
        }

        foreach (var container in containers)
        {
            AddRow(builder, container, "arm", errors);
        }

        await ListModelsAsync([.. rows, .. extra], builder, errors, () => Interlocked.Decrement(ref budget) >= 0, cancellationToken).ConfigureAwait(false);
        return new AzureAiCollection(builder.Build(), errors.ToList(), connection.Calls.Snapshot(), rows.Count);
    }

    /// <summary>
    /// Collects one AI resource fresh from ARM (Resource Graph lags behind changes): the top-level resource that
    /// <paramref name="resourceId"/> is or belongs to, its child collections and its diagnostic settings. A resource
    /// that no longer exists yields an empty inventory (its findings then resolve).
    /// </summary>
    public async Task<AzureAiCollection> CollectResourceAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        var topLevel = TopLevelId(resourceId) ?? throw new ArgumentException($"'{resourceId}' is not an ARM resource id of a provider resource.", nameof(resourceId));
        var errors = new ConcurrentBag<CollectionError>();
        JsonElement resource;
        try
        {
            var type = TypeOf(topLevel);
            resource = await _arm.GetAsync(topLevel, AzureAiQueries.ApiVersionOf(type), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return new AzureAiCollection(AiInventory.Empty, [], connection.Calls.Snapshot(), 0);
        }

        var rows = new List<JsonElement> { resource };
        var builder = new AiInventoryBuilder(diagnosticSettingsCollected: _options.CollectDiagnosticSettings);
        builder.Add(resource, "arm");
        var listed = new List<JsonElement>();
        foreach (var read in PlanReads(rows, []))
        {
            try
            {
                await foreach (var item in _arm.ListAsync(read.Path, read.ApiVersion, cancellationToken).ConfigureAwait(false))
                {
                    AddRow(builder, item, "arm", errors);
                    listed.Add(item);
                }
            }
            catch (Exception ex) when (ex is RequestFailedException or JsonException)
            {
                errors.Add(new CollectionError(read.ResourceId, read.Operation, (ex as RequestFailedException)?.Status ?? 0, OneLine(ex)));
                if (read.IsDiagnostics)
                {
                    builder.DiagnosticsNotCollectedFor(read.ResourceId);
                }
            }
        }

        var projectConnections = new ConcurrentBag<JsonElement>();
        await ListProjectConnectionsAsync(listed, projectConnections, errors, () => true, cancellationToken).ConfigureAwait(false);
        foreach (var item in projectConnections)
        {
            AddRow(builder, item, "arm", errors);
        }

        if (_options.CollectSearchDataPlane && TypeOfRow(resource) == AiResourceTypes.SearchService)
        {
            foreach (var row in await ReadSearchDataPlanesAsync([.. builder.Build().Resources.Where(r => r.ParentId is null)], errors, () => true, cancellationToken).ConfigureAwait(false))
            {
                AddRow(builder, row, "search", errors);
            }
        }

        await ListModelsAsync([.. rows, .. listed], builder, errors, () => true, cancellationToken).ConfigureAwait(false);
        return new AzureAiCollection(builder.Build(), errors.ToList(), connection.Calls.Snapshot(), 0);
    }

    /// <summary>
    /// The (subscription, location) pairs to list models for: the locations of the Cognitive Services accounts among
    /// <paramref name="objects"/> that hold at least one deployment of model format <c>OpenAI</c>, each pair once
    /// (locations compared normalised), in first-seen order.
    /// </summary>
    public static IReadOnlyList<(string SubscriptionId, string Location)> ModelListPairs(IEnumerable<JsonElement> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var accounts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var withOpenAi = new List<string>();
        foreach (var item in objects)
        {
            if (TypeOfRow(item) is not { } type || !item.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { } id)
            {
                continue;
            }

            if (type == AiResourceTypes.CognitiveServicesAccount && item.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.String && location.GetString() is { Length: > 0 } value)
            {
                accounts[id] = value;
            }
            else if (type == AiResourceTypes.ModelDeployment
                && item.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.Object
                && model.TryGetProperty("format", out var format) && string.Equals(format.GetString(), "OpenAI", StringComparison.OrdinalIgnoreCase)
                && ArmId.ParentOf(id, type) is { } parent)
            {
                withOpenAi.Add(parent);
            }
        }

        var pairs = new List<(string, string)>();
        var seen = new HashSet<(string, string)>();
        foreach (var account in withOpenAi)
        {
            if (accounts.TryGetValue(account, out var location))
            {
                var pair = (ArmId.SubscriptionOf(account), ModelLifecycleIndex.NormaliseLocation(location));
                if (seen.Add((pair.Item1.ToLowerInvariant(), pair.Item2)))
                {
                    pairs.Add(pair);
                }
            }
        }

        return pairs;
    }

    /// <summary>
    /// Lists the Models API once per pair (following nextLink), bounded like the other ARM reads, into the
    /// inventory's model lifecycle. A refused or failed list is a <see cref="CollectionError"/> and leaves its
    /// location unread, so the rules fall back to the catalogue there.
    /// </summary>
    private async Task ListModelsAsync(IReadOnlyList<JsonElement> objects, AiInventoryBuilder builder, ConcurrentBag<CollectionError> errors, Func<bool> takeBudget, CancellationToken cancellationToken)
    {
        var pairs = ModelListPairs(objects);
        if (pairs.Count == 0)
        {
            return;
        }

        var time = _options.Time ?? TimeProvider.System;
        var lists = new ConcurrentBag<(string Location, DateTimeOffset ReadAt, List<JsonElement> Items)>();
        await Parallel.ForEachAsync(
            pairs,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelArmReads), CancellationToken = cancellationToken },
            async (pair, ct) =>
            {
                var scope = $"/subscriptions/{pair.SubscriptionId}/locations/{pair.Location}";
                if (!takeBudget())
                {
                    errors.Add(new CollectionError(scope, "arm:models", 0, "ARM read budget exhausted; model lifecycle left to the catalogue."));
                    return;
                }

                var items = new List<JsonElement>();
                try
                {
                    await foreach (var item in _arm.ListAsync($"/subscriptions/{pair.SubscriptionId}/providers/Microsoft.CognitiveServices/locations/{pair.Location}/models", AzureAiQueries.ModelsApiVersion, ct).ConfigureAwait(false))
                    {
                        items.Add(item);
                    }

                    lists.Add((pair.Location, time.GetUtcNow(), items));
                }
                catch (Exception ex) when (ex is RequestFailedException or JsonException)
                {
                    errors.Add(new CollectionError(scope, "arm:models", (ex as RequestFailedException)?.Status ?? 0, OneLine(ex)));
                }
            }).ConfigureAwait(false);

        foreach (var (location, readAt, items) in lists)
        {
            builder.Models.LocationRead(location, readAt);
            foreach (var item in items)
            {
                builder.Models.Add(location, item);
            }
        }
    }

    /// <summary>The id of the top-level resource an id is or belongs to (<c>…/accounts/a/deployments/d</c> → <c>…/accounts/a</c>), or null.</summary>
    public static string? TopLevelId(string resourceId) => ArmId.TopLevelOf(resourceId);

    /// <summary>The resource type of a top-level id (<see cref="TopLevelId"/>), lower case: <c>microsoft.web/sites</c>.</summary>
    public static string TypeOf(string topLevelId)
    {
        var parts = topLevelId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var providers = Array.FindIndex(parts, p => p.Equals("providers", StringComparison.OrdinalIgnoreCase));
        return $"{parts[providers + 1]}/{parts[providers + 2]}".ToLowerInvariant();
    }

    /// <summary>
    /// The storage accounts the datastores and connections of <paramref name="inventory"/> read from, when they lie in
    /// <paramref name="subscriptions"/> (another shard reads its own): one Resource Graph query per batch of ids, none
    /// when no datastore or connection names a storage account.
    /// </summary>
    private async Task<List<JsonElement>> CollectGroundingStorageAsync(AiInventory inventory, IReadOnlyList<string> subscriptions, ConcurrentBag<CollectionError> errors, CancellationToken cancellationToken)
    {
        var inScope = subscriptions.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var targets = inventory.Resources
            .Select(Core.Graph.GroundingLink.Of)
            .Select(edge => edge?.To)
            .OfType<string>()
            .Where(id => TopLevelId(id) is { } top && TypeOf(top) == AiResourceTypes.StorageAccount && inScope.Contains(ArmId.SubscriptionOf(id)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var rows = new List<JsonElement>();
        foreach (var chunk in targets.Chunk(AzureAiQueries.GroundingStorageIdsPerQuery))
        {
            var batch = chunk.Select(ArmId.SubscriptionOf).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            try
            {
                await foreach (var row in _graph.QueryAsync(batch, AzureAiQueries.GroundingStorage(chunk), cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(row);
                }
            }
            catch (Exception ex) when (ex is RequestFailedException or InvalidDataException or JsonException)
            {
                errors.Add(new CollectionError($"{chunk.Length} grounding storage accounts", "resourcegraph:storageaccounts", (ex as RequestFailedException)?.Status ?? 0, OneLine(ex)));
            }
        }

        return rows;
    }

    /// <summary>
    /// The data sources and indexers of <paramref name="services"/> from their data planes (<see cref="SearchDataPlaneReader"/>),
    /// bounded like the ARM reads. A refused read is a <see cref="CollectionError"/> naming what it needs.
    /// </summary>
    private async Task<List<JsonElement>> ReadSearchDataPlanesAsync(IReadOnlyList<AiResource> services, ConcurrentBag<CollectionError> errors, Func<bool> takeBudget, CancellationToken cancellationToken)
    {
        var rows = new ConcurrentBag<JsonElement>();
        if (services.Count == 0)
        {
            return [];
        }

        var reader = new SearchDataPlaneReader(connection);
        await Parallel.ForEachAsync(
            services,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelArmReads), CancellationToken = cancellationToken },
            async (service, ct) =>
            {
                if (!takeBudget())
                {
                    errors.Add(new CollectionError(service.Id, "search:datasources", 0, "Read budget exhausted; data sources and indexers left unknown."));
                    return;
                }

                try
                {
                    foreach (var row in await reader.ReadAsync(service, _options.MaxSearchConnectionStringReads, ct).ConfigureAwait(false))
                    {
                        rows.Add(row);
                    }
                }
                catch (Exception ex) when (ex is RequestFailedException or JsonException or HttpRequestException)
                {
                    var status = (ex as RequestFailedException)?.Status ?? 0;
                    errors.Add(new CollectionError(service.Id, "search:datasources", status, status is 401 or 403
                        ? "The search service refused its data plane: it must accept role-based access (authOptions aadOrApiKey, or local auth disabled) and the installation's identity needs Search Service Contributor on it; data sources and indexers left unknown."
                        : OneLine(ex)));
                }
            }).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>
    /// The blob containers that feed AI: one ARM list of <c>blobServices/default/containers</c> per collected grounding
    /// storage account, keeping the containers a link names (every container when a link names the account whole).
    /// </summary>
    private async Task<List<JsonElement>> ListGroundingContainersAsync(AiInventory inventory, ConcurrentBag<CollectionError> errors, Func<bool> takeBudget, CancellationToken cancellationToken)
    {
        var readers = inventory.Resources
            .Select(r => (Account: Core.Graph.GroundingLink.Of(r) is { } link ? Core.Graph.GroundingLink.StorageAccountNameOf(link.To) : null, Container: Core.Graph.GroundingLink.ContainerOf(r)))
            .Where(x => x.Account is not null)
            .ToLookup(x => x.Account!, x => x.Container, StringComparer.OrdinalIgnoreCase);
        var wanted = new Dictionary<string, HashSet<string>?>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in inventory.OfFamily(AiResourceFamily.GroundingStorage))
        {
            var containers = readers[account.Name].ToList();
            if (containers.Count > 0)
            {
                wanted[account.Id] = containers.Any(c => c is null) ? null : containers.OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
            }
        }

        var kept = new ConcurrentBag<JsonElement>();
        await ListEachAsync(
            [.. wanted.Keys.Select(id => (id, $"{id}/blobServices/default/containers", AzureAiQueries.StorageContainersApiVersion))], "arm:containers", "container access",
            (account, container) => container.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && (wanted[account] is not { } names || names.Contains(name.GetString()!))
                && container.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && TypeOfRow(container) is not null,
            kept, errors, takeBudget, cancellationToken).ConfigureAwait(false);
        return [.. kept];
    }

    /// <summary>Lists the connections of every Foundry project among <paramref name="items"/> into <paramref name="into"/>, bounded like the other ARM reads.</summary>
    private Task ListProjectConnectionsAsync(IReadOnlyList<JsonElement> items, ConcurrentBag<JsonElement> into, ConcurrentBag<CollectionError> errors, Func<bool> takeBudget, CancellationToken cancellationToken) =>
        ListEachAsync(
            [.. items.Where(i => TypeOfRow(i) == AiResourceTypes.FoundryProject && i.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                .Select(i => i.GetProperty("id").GetString()!)
                .Select(project => (project, $"{project}/connections", AzureAiQueries.ProjectConnectionsApiVersion))],
            "arm:connections", "the project's connections", (_, _) => true, into, errors, takeBudget, cancellationToken);

    /// <summary>
    /// One ARM list per (resource, path), in parallel within the read budget, keeping the items <paramref name="keep"/>
    /// accepts; a list past the budget, refused or failed is a <see cref="CollectionError"/> for its resource.
    /// </summary>
    private async Task ListEachAsync(IReadOnlyList<(string ResourceId, string Path, string ApiVersion)> lists, string operation, string leftUnknown,
        Func<string, JsonElement, bool> keep, ConcurrentBag<JsonElement> into, ConcurrentBag<CollectionError> errors, Func<bool> takeBudget, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(
            lists,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelArmReads), CancellationToken = cancellationToken },
            async (list, ct) =>
            {
                if (!takeBudget())
                {
                    errors.Add(new CollectionError(list.ResourceId, operation, 0, $"ARM read budget exhausted; {leftUnknown} left unknown."));
                    return;
                }

                try
                {
                    await foreach (var item in _arm.ListAsync(list.Path, list.ApiVersion, ct).ConfigureAwait(false))
                    {
                        if (keep(list.ResourceId, item))
                        {
                            into.Add(item);
                        }
                    }
                }
                catch (Exception ex) when (ex is RequestFailedException or JsonException)
                {
                    errors.Add(new CollectionError(list.ResourceId, operation, (ex as RequestFailedException)?.Status ?? 0, OneLine(ex)));
                }
            }).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds an object to the inventory; one without the <c>id</c> and <c>type</c> every ARM object carries cannot be
    /// placed and becomes a <see cref="CollectionError"/> instead of ending the collection.
    /// </summary>
    private static void AddRow(AiInventoryBuilder builder, JsonElement row, string source, ConcurrentBag<CollectionError> errors)
    {
        try
        {
            builder.Add(row, source);
        }
        catch (InventoryFormatException ex)
        {
            errors.Add(new CollectionError(row.ValueKind == JsonValueKind.Object && row.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "(an object without id)",
                source, 200, ex.Message));
        }
    }

    /// <summary>An inventory of just <paramref name="rows"/> (to read links and their targets without building the whole one).</summary>
    private static AiInventory InventoryOf(IEnumerable<JsonElement> rows)
    {
        var builder = new AiInventoryBuilder(diagnosticSettingsCollected: false);
        foreach (var row in rows.Where(r => TypeOfRow(r) is not null && r.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String))
        {
            builder.Add(row, "collector");
        }

        return builder.Build();
    }

    private static string? TypeOfRow(JsonElement row) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()!.ToLowerInvariant() : null;

    private List<PlannedRead> PlanReads(List<JsonElement> rows, HashSet<string?> indexedChildTypes)
    {
        var reads = new List<PlannedRead>();
        foreach (var row in rows)
        {
            if (TypeOfRow(row) is not { } type || !row.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var id = idElement.GetString()!;
            if (AiResourceTypes.FamilyOf(type) is not { } family || type.Count(c => c == '/') >= 2)
            {
                continue;
            }

            var kind = row.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            foreach (var (parent, childType, segment, apiVersion, forKind) in AzureAiQueries.ChildLists)
            {
                if (parent == family && forKind(kind) && !indexedChildTypes.Contains(childType))
                {
                    reads.Add(new PlannedRead(id, $"{id}/{segment}", apiVersion, $"arm:{segment}", false));
                }
            }

            if (_options.CollectDiagnosticSettings)
            {
                reads.Add(new PlannedRead(id, $"{id}/providers/Microsoft.Insights/diagnosticSettings", AzureAiQueries.DiagnosticSettingsApiVersion, "arm:diagnosticSettings", true));
            }
        }

        // Interleave subscriptions, so parallel reads spend every subscription's ARM token bucket side by side
        // instead of draining one at a time.
        return reads
            .GroupBy(r => ArmId.SubscriptionOf(r.ResourceId), StringComparer.OrdinalIgnoreCase)
            .SelectMany(g => g.Select((read, position) => (read, position)))
            .OrderBy(x => x.position)
            .Select(x => x.read)
            .ToList();
    }

    private static string OneLine(Exception ex) => ex.Message.Split('\n', 2)[0].Trim();

    private sealed record PlannedRead(string ResourceId, string Path, string ApiVersion, string Operation, bool IsDiagnostics);
}
