using System.Text.Json;
using System.Text.Json.Nodes;
using AiSpm.Core.Inventory.Access;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Inventory.Threats;
using AiSpm.Core.Scans;
using AiSpm.Emulator.ResourceGraph;

namespace AiSpm.Bench.Scale;

/// <summary>
/// The fewest API calls a full Azure AI collection of a fixture needs, computed from the fixture files alone (never
/// from what a collector spent): subscription list pages; Resource Graph pages, Σ over batches of at most 300
/// subscriptions (in listed order, or within each shard of a durable scan's plan) of ceil(rows / 1,000) with at least one query per
/// batch, for the AI resources and, per batch of 300, for the role assignments and Defender AI alerts the access queries
/// select; one ARM list (paged) per
/// child collection Resource Graph does not index, only on parents whose kind can hold that child; one
/// diagnostic-settings list per top-level AI resource; one Models API list (paged) per (subscription, location) whose
/// Cognitive Services accounts hold at least one deployment of model format OpenAI, an empty one included (pages from
/// <c>arm/models.json</c> when the fixture has one); one connections list per Foundry project; on the AI Search data plane one data-source list per service and,
/// where the service accepts Entra tokens, one indexer list and one read per data source (lists leave connection
/// strings out); one Resource Graph query per 200 storage accounts the data sources name by id (per shard), and one container
/// list per such account that exists. With throttles on it also gives the least wall time the throttle models allow
/// for the ARM and Resource Graph calls.
/// </summary>
internal sealed record CallFloor(
    int Subscriptions,
    int TopLevelAiResources,
    int ChildResources,
    int SubscriptionListPages,
    int ResourceGraphBatches,
    int ResourceGraphQueries,
    int ChildListCalls,
    int DiagnosticSettingsCalls,
    int MaxArmReadsInOneSubscription,
    int ModelListCalls = 0,
    int SearchDataPlaneCalls = 0,
    int ContainerListCalls = 0)
{
    public const int SubscriptionsPerBatch = 300;
    public const int ResourceGraphPageSize = 1000;

    /// <summary>Top-level AI types the Resource Graph query returns.</summary>
    public static readonly string[] TopLevelTypes =
    [
        AiResourceTypes.CognitiveServicesAccount, AiResourceTypes.MachineLearningWorkspace, AiResourceTypes.SearchService, AiResourceTypes.BotService,
    ];

    public int ArmCalls => SubscriptionListPages + ChildListCalls + DiagnosticSettingsCalls + ModelListCalls + ContainerListCalls;

    public int Total => ResourceGraphQueries + ArmCalls + SearchDataPlaneCalls;

    /// <summary>
    /// Least seconds the throttle models impose on the floor's calls: Resource Graph allows <paramref name="queriesPerWindow"/>
    /// queries per window (the first window is free), ARM refills a subscription's read bucket at <paramref name="armReadsPerSecond"/>
    /// past its burst. The two run side by side, so the larger one counts.
    /// </summary>
    public double ThrottleImpliedSeconds(int queriesPerWindow, TimeSpan window, int armReadBurst, double armReadsPerSecond)
    {
        var graphWindows = Math.Max(0, ((ResourceGraphQueries + queriesPerWindow - 1) / queriesPerWindow) - 1);
        var graph = graphWindows * window.TotalSeconds;
        var arm = Math.Max(0, MaxArmReadsInOneSubscription - armReadBurst) / armReadsPerSecond;
        return Math.Max(graph, arm);
    }

    /// <summary>
    /// Reads <c>arm/subscriptions.json</c>, <c>arm/resources/*.json</c>, <c>arm/models.json</c> and the access tables (if
    /// any) of a fixture folder, one file at a time. A durable scan's shards of <paramref name="subscriptionsPerShard"/>
    /// each query their own AI resources and grounding storage accounts, so those batches are cut per shard.
    /// </summary>
    public static CallFloor Compute(string fixtureFolder, int armPageSize, int? subscriptionsPerShard = null)
    {
        var subscriptions = new List<string>();
        using (var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(fixtureFolder, "arm", "subscriptions.json"))))
        {
            foreach (var item in document.RootElement.GetProperty("value").EnumerateArray())
            {
                subscriptions.Add(item.GetProperty("subscriptionId").GetString()!);
            }
        }

        // Top-level AI resources (id → kind), children per (parent id, child type).
        var topLevel = new Dictionary<string, (string Type, string? Kind, string Subscription, string? Location)>(StringComparer.OrdinalIgnoreCase);
        var withOpenAiDeployments = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var children = new Dictionary<(string Parent, string Type), int>();
        var childResources = 0;
        var anyIdentity = false;
        var searchServices = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase); // name → accepts Entra tokens
        var storageAccounts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.GetFiles(Path.Combine(fixtureFolder, "arm", "resources"), "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var item in document.RootElement.GetProperty("value").EnumerateArray())
            {
                var id = item.GetProperty("id").GetString()!;
                var type = item.GetProperty("type").GetString()!.ToLowerInvariant();
                anyIdentity |= item.TryGetProperty("identity", out var identity) && identity.ValueKind == JsonValueKind.Object
                    && (identity.TryGetProperty("principalId", out var principal) && principal.ValueKind == JsonValueKind.String
                        || identity.TryGetProperty("userAssignedIdentities", out var assigned) && assigned.ValueKind == JsonValueKind.Object && assigned.EnumerateObject().Any());
                if (type == AiResourceTypes.StorageAccount)
                {
                    storageAccounts.Add(id);
                }

                if (type == AiResourceTypes.SearchService)
                {
                    var properties = item.TryGetProperty("properties", out var sp) && sp.ValueKind == JsonValueKind.Object ? sp : default;
                    searchServices[item.GetProperty("name").GetString()!] = properties.ValueKind == JsonValueKind.Object
                        && ((properties.TryGetProperty("disableLocalAuth", out var disabled) && disabled.ValueKind == JsonValueKind.True)
                            || (properties.TryGetProperty("authOptions", out var auth) && auth.ValueKind == JsonValueKind.Object && auth.TryGetProperty("aadOrApiKey", out _)));
                }

                if (TopLevelTypes.Contains(type))
                {
                    var kind = item.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
                    var location = item.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                    topLevel[id] = (type, kind, SubscriptionOf(id), location);
                }
                else if (ParentOf(id) is { } parent && ChildTypes.Any(c => c.ChildType == type))
                {
                    children[(parent, type)] = children.GetValueOrDefault((parent, type)) + 1;
                    childResources++;
                    if (type == AiResourceTypes.ModelDeployment
                        && item.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
                        && p.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.Object
                        && m.TryGetProperty("format", out var f) && string.Equals(f.GetString(), "OpenAI", StringComparison.OrdinalIgnoreCase))
                    {
                        withOpenAiDeployments.Add(parent);
                    }
                }
            }
        }

        var rowsPerSubscription = topLevel.Values.GroupBy(r => r.Subscription, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        // One collector reads the subscriptions in listed order; a durable scan in its shards, as the planner cuts them
        // (the access shard holds all of them, in the same order).
        var shards = subscriptionsPerShard is { } perShard
            ? ScanPlanner.PlanFullScan("floor", subscriptions, perShard).Select(shard => shard.Subscriptions.ToArray()).ToList()
            : [subscriptions.ToArray()];
        var batches = shards.SelectMany(shard => shard).Chunk(SubscriptionsPerBatch).ToList();
        // Attack paths: per batch of 300, the pages of the Defender AI alerts query, and of the role-assignment query when
        // any AI resource runs as a managed identity.
        var roleRows = AccessRowsPerSubscription(fixtureFolder, RoleAssignmentEdges.Query);
        var alertRows = AccessRowsPerSubscription(fixtureFolder, DefenderAlertEdges.Query);
        var graphQueries = shards.SelectMany(shard => shard.Chunk(SubscriptionsPerBatch)).Sum(batch => Pages(batch.Sum(s => rowsPerSubscription.GetValueOrDefault(s)), ResourceGraphPageSize))
            + batches.Sum(batch => Pages(batch.Sum(s => alertRows.GetValueOrDefault(s)), ResourceGraphPageSize)
                + (anyIdentity ? Pages(batch.Sum(s => roleRows.GetValueOrDefault(s)), ResourceGraphPageSize) : 0));

        var childCalls = 0;
        var armPerSubscription = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, resource) in topLevel)
        {
            var calls = 1; // diagnostic settings
            foreach (var child in ChildTypes.Where(c => c.ParentType == resource.Type && c.ForKind(resource.Kind)))
            {
                calls += Pages(children.GetValueOrDefault((id, child.ChildType)), armPageSize);
            }

            calls += children.GetValueOrDefault((id, AiResourceTypes.FoundryProject)); // each project's connections list

            childCalls += calls - 1;
            armPerSubscription[resource.Subscription] = armPerSubscription.GetValueOrDefault(resource.Subscription) + calls;
        }

        // Models API: one list per (subscription, location) holding an account with OpenAI deployments, paged.
        var modelsPerLocation = ModelsPerLocation(fixtureFolder);
        var modelPairs = withOpenAiDeployments
            .Where(topLevel.ContainsKey)
            .Select(id => topLevel[id])
            .Where(a => a.Location is not null)
            .Select(a => (Subscription: a.Subscription.ToLowerInvariant(), Location: NormaliseLocation(a.Location!)))
            .Distinct()
            .ToList();
        var modelCalls = 0;
        foreach (var (subscription, location) in modelPairs)
        {
            var calls = Pages(modelsPerLocation.GetValueOrDefault(location), armPageSize);
            modelCalls += calls;
            armPerSubscription[subscription] = armPerSubscription.GetValueOrDefault(subscription) + calls; // keys compare ignoring case
        }

        // AI Search data plane, and the storage its data sources name by id.
        var searchCalls = 0;
        var targets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, acceptsEntra) in searchServices)
        {
            if (!acceptsEntra)
            {
                searchCalls++; // the data-source list, refused
                continue;
            }

            var file = Path.Combine(fixtureFolder, "search", name + ".json");
            var dataSources = 0;
            if (File.Exists(file))
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                foreach (var source in document.RootElement.TryGetProperty("datasources", out var list) ? list.EnumerateArray() : default)
                {
                    dataSources++;
                    if (DataSourceConnection.Read(source.TryGetProperty("credentials", out var c) && c.TryGetProperty("connectionString", out var cs) ? cs.GetString() : null).ResourceId is { } target)
                    {
                        targets.Add(target);
                    }
                }
            }

            searchCalls += 2 + dataSources;
        }

        // The storage accounts the data sources name are looked up by each shard for its own subscriptions.
        var targetsPerSubscription = targets.GroupBy(SubscriptionOf, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        graphQueries += shards
            .Select(shard => shard.Sum(s => targetsPerSubscription.GetValueOrDefault(s)))
            .Sum(count => count > 0 ? Pages(count, 200) : 0);
        var containerCalls = targets.Count(storageAccounts.Contains);

        return new CallFloor(
            subscriptions.Count,
            topLevel.Count,
            childResources,
            Pages(subscriptions.Count, armPageSize),
            batches.Count,
            graphQueries,
            childCalls,
            topLevel.Count,
            armPerSubscription.Values.DefaultIfEmpty(0).Max(),
            modelCalls,
            searchCalls,
            containerCalls);
    }

    /// <summary>
    /// Rows per subscription id of the Resource Graph table <c>arm/{table}.json</c> that <paramref name="query"/> selects,
    /// judged by the emulator's own KQL engine (the one that answers the collector); empty when the fixture has no such file.
    /// </summary>
    private static Dictionary<string, int> AccessRowsPerSubscription(string fixtureFolder, string query)
    {
        var result = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var parsed = KqlParser.Parse(query);
        var file = Path.Combine(fixtureFolder, "arm", parsed.Table + ".json");
        if (!File.Exists(file) || JsonNode.Parse(File.ReadAllBytes(file))?["value"] is not JsonArray rows)
        {
            return result;
        }

        foreach (var row in rows.OfType<JsonObject>())
        {
            if ((string?)row["subscriptionId"] is { } id && parsed.Run([row]).Count > 0)
            {
                result[id] = result.GetValueOrDefault(id) + 1;
            }
        }

        return result;
    }

    /// <summary>Items per location (normalised) in <c>arm/models.json</c>; empty when the fixture has none.</summary>
    private static Dictionary<string, int> ModelsPerLocation(string fixtureFolder)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        var file = Path.Combine(fixtureFolder, "arm", "models.json");
        if (!File.Exists(file))
        {
            return result;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        foreach (var location in document.RootElement.EnumerateObject())
        {
            var key = NormaliseLocation(location.Name);
            result[key] = result.GetValueOrDefault(key) + location.Value.GetArrayLength();
        }

        return result;
    }

    private static string NormaliseLocation(string location) => location.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>Child collections per parent type, and the parent kinds that can hold them.</summary>
    private static readonly (string ParentType, string ChildType, Func<string?, bool> ForKind)[] ChildTypes =
    [
        (AiResourceTypes.CognitiveServicesAccount, AiResourceTypes.ModelDeployment, IsOpenAiCapable),
        (AiResourceTypes.CognitiveServicesAccount, AiResourceTypes.RaiPolicy, IsOpenAiCapable),
        (AiResourceTypes.CognitiveServicesAccount, AiResourceTypes.FoundryProject, kind => string.Equals(kind, "AIServices", StringComparison.OrdinalIgnoreCase)),
        (AiResourceTypes.MachineLearningWorkspace, AiResourceTypes.MachineLearningCompute, _ => true),
        (AiResourceTypes.MachineLearningWorkspace, AiResourceTypes.MachineLearningOnlineEndpoint, _ => true),
        (AiResourceTypes.CognitiveServicesAccount, AiResourceTypes.CognitiveServicesConnection, kind => string.Equals(kind, "AIServices", StringComparison.OrdinalIgnoreCase)),
        (AiResourceTypes.MachineLearningWorkspace, AiResourceTypes.MachineLearningConnection, _ => true),
        (AiResourceTypes.MachineLearningWorkspace, AiResourceTypes.MachineLearningDatastore, _ => true),
    ];

    private static bool IsOpenAiCapable(string? kind) =>
        kind is null || kind.Equals("OpenAI", StringComparison.OrdinalIgnoreCase) || kind.Equals("AIServices", StringComparison.OrdinalIgnoreCase);

    /// <summary>Pages for a list of <paramref name="items"/>; an empty list still costs one call.</summary>
    private static int Pages(int items, int pageSize) => Math.Max(1, (items + pageSize - 1) / pageSize);

    private static string SubscriptionOf(string id) => id.Split('/', StringSplitOptions.RemoveEmptyEntries)[1];

    private static string? ParentOf(string id)
    {
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var providers = Array.FindLastIndex(parts, p => p.Equals("providers", StringComparison.OrdinalIgnoreCase));
        // {ns}/{type}/{name}/{childType}/{childName} after the last "providers"
        return providers >= 0 && parts.Length - providers == 6 ? "/" + string.Join('/', parts.Take(providers + 4)) : null;
    }
}
