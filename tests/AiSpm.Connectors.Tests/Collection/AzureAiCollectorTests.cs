using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Collection;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Emulator;
using AiSpm.Emulator.Faults;
using AiSpm.Emulator.Hosting;
using Azure.Core.Pipeline;

namespace AiSpm.Connectors.Tests.Collection;

public sealed class AzureAiCollectorTests
{
    /// <summary>The demo's key-only search service, whose data plane refuses the installation's Entra token (a coverage note in every collection).</summary>
    private const string DevSearch = "/subscriptions/6f1c0a00-0000-4000-8000-000000000002/resourceGroups/rg-search-dev/providers/Microsoft.Search/searchServices/srch-contoso-dev";

    private static string DemoTenant()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "fixtures", "demo-tenant");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("fixtures/demo-tenant not found");
    }

    private static ArmConnection Connect(EmulatorServer emulator)
    {
        var options = new ArmPipelineOptions { Transport = new HttpClientTransport(emulator.CreateRoutingHandler()) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        return new ArmConnection(emulator.Credential, emulator.ArmEndpoint, options: options);
    }

    private static Dictionary<string, int> FixtureCounts(string fixture)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(fixture, "arm", "resources"), "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var item in document.RootElement.GetProperty("value").EnumerateArray())
            {
                var type = item.GetProperty("type").GetString()!.ToLowerInvariant();
                counts[type] = counts.GetValueOrDefault(type) + 1;
            }
        }

        return counts;
    }

    [Fact]
    public async Task Collects_every_ai_resource_of_the_demo_tenant_with_one_graph_query_one_for_its_grounding_storage_and_budgeted_arm_reads()
    {
        var fixture = DemoTenant();
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = fixture });
        var connection = Connect(emulator);
        var collector = new AzureAiCollector(connection);

        var subscriptions = await collector.ListSubscriptionsAsync();
        var collection = await collector.CollectAsync(subscriptions);

        var expected = FixtureCounts(fixture);
        Assert.Equal(3, subscriptions.Count);
        var refused = Assert.Single(collection.Errors);
        Assert.Equal((DevSearch, "search:datasources", 403), (refused.Scope, refused.Operation, refused.Status)); // key-only: its data plane refuses Entra tokens
        foreach (var family in Enum.GetValues<AiResourceFamily>().Except([AiResourceFamily.GroundingContainer, AiResourceFamily.SearchDataSource, AiResourceFamily.SearchIndexer]))
        {
            var type = AiResourceTypes.TypeOf(family);
            var projectConnections = family == AiResourceFamily.CognitiveServicesConnection ? expected.GetValueOrDefault(AiResourceTypes.FoundryProjectConnection) : 0;
            Assert.Equal(expected.GetValueOrDefault(type) + projectConnections, collection.Inventory.OfFamily(family).Count());
        }

        // Top-level AI resources: each costs a diagnostic-settings list (grounding storage is read from Resource Graph only).
        var topLevel = collection.Inventory.Resources.Count(r => r.ParentId is null && r.Family != AiResourceFamily.GroundingStorage);
        var accounts = collection.Inventory.OfFamily(AiResourceFamily.CognitiveServicesAccount).ToList();
        var workspaces = collection.Inventory.OfFamily(AiResourceFamily.MachineLearningWorkspace).Count();
        var childLists = accounts.Count(a => a.Kind is "OpenAI" or "AIServices") /* deployments */
            + accounts.Count(a => a.Kind is "OpenAI" or "AIServices") /* raiPolicies */
            + (2 * accounts.Count(a => a.Kind == "AIServices")) /* projects, connections */
            + (4 * workspaces) /* computes, onlineEndpoints, connections, datastores */;
        var modelLists = ModelListPairs(collection.Inventory).Count;
        Assert.Equal(5, modelLists); // prod: eastus, eastus2, swedencentral; dev: westeurope; sandbox: eastus
        // One query for the AI resources, one for the storage accounts their datastores and connections read.
        Assert.Equal(2, collection.Calls[ApiCallKinds.ResourceGraph]);
        Assert.Equal(["stcontosoclaims", "stcontosodevdata"], collection.Inventory.OfFamily(AiResourceFamily.GroundingStorage).Select(r => r.Name).Order(StringComparer.Ordinal));
        // Containers: one list per grounding storage account, keeping those a link names (not public-assets).
        Assert.Equal(["curated", "hr-policies", "training-raw"], collection.Inventory.OfFamily(AiResourceFamily.GroundingContainer).Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(collection.Inventory.OfFamily(AiResourceFamily.GroundingContainer), c => Assert.Equal(AiResourceFamily.GroundingStorage, collection.Inventory.Get(c.ParentId!)!.Family));
        var projects = collection.Inventory.OfFamily(AiResourceFamily.FoundryProject).Count(); // one connections list each
        Assert.Contains(collection.Inventory.OfFamily(AiResourceFamily.CognitiveServicesConnection), c => c.Name == "support-kb-search" && c.ParentId!.EndsWith("/projects/proj-support-copilot", StringComparison.Ordinal));
        Assert.Equal(1 + childLists + projects + topLevel + modelLists + 2, collection.Calls[ApiCallKinds.ArmRead]);
        // Search data plane: the prod service's two lists and one read per data source the list left without its connection string; the dev service's refusal.
        Assert.Equal(["claims-ds", "hr-policies-ds"], collection.Inventory.OfFamily(AiResourceFamily.SearchDataSource).Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, collection.Inventory.OfFamily(AiResourceFamily.SearchIndexer).Count());
        Assert.Equal(1 + 1 + 2 + 1, collection.Calls[ApiCallKinds.SearchDataPlane]);
        Assert.All(collection.Inventory.Resources.Where(r => r.ParentId is null), r => Assert.NotNull(r.DiagnosticSettings));
        Assert.Contains(accounts, a => a.DiagnosticSettings!.Any(d => d.CapturesAuditLogs));
    }

    /// <summary>(subscription, location) of every account holding a deployment of model format OpenAI.</summary>
    private static HashSet<(string, string)> ModelListPairs(AiInventory inventory) => inventory.OfFamily(AiResourceFamily.ModelDeployment)
        .Where(d => d.PropertyString("model.format") == "OpenAI")
        .Select(d => inventory.Get(d.ParentId!)!)
        .Select(a => (a.SubscriptionId.ToLowerInvariant(), a.Location!.ToLowerInvariant()))
        .ToHashSet();

    [Fact]
    public async Task Lists_the_models_api_once_per_subscription_and_location_with_openai_deployments()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = DemoTenant(), ArmPageSize = 3 });
        var time = new FixedTime(new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero));
        var collector = new AzureAiCollector(Connect(emulator), new AzureAiCollectorOptions { CollectDiagnosticSettings = false, Time = time });

        var collection = await collector.CollectAsync(await collector.ListSubscriptionsAsync());

        var models = collection.Inventory.Models;
        var modelsFixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(DemoTenant(), "arm", "models.json"))).RootElement;
        // One list per pair, each paged by 3: eastus twice (prod and sandbox), the others once.
        var expectedCalls = ModelListPairs(collection.Inventory).Sum(p => Math.Max(1, (modelsFixture.GetProperty(p.Item2).GetArrayLength() + 2) / 3));
        Assert.Equal([DevSearch], collection.Errors.Select(e => e.Scope));
        Assert.Equal(expectedCalls, emulator.Stats.CountOf("ARM GET /subscriptions/{subscriptionId}/providers/Microsoft.CognitiveServices/locations/{name}/models"));
        Assert.Equal(["eastus", "eastus2", "swedencentral", "westeurope"], models.LocationsRead.Keys.Order(StringComparer.Ordinal));
        Assert.All(models.LocationsRead.Values, at => Assert.Equal(time.GetUtcNow(), at));
        var o3 = models.Find("westeurope", "OpenAI", "o3-mini", "2025-01-31");
        Assert.NotNull(o3);
        Assert.Equal("Deprecating", o3.LifecycleStatus);
        Assert.Equal(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), o3.InferenceDeprecation);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero), models.Find("swedencentral", "OpenAI", "gpt-4o", "2024-08-06")!.Sku("Standard")!.DeprecationDate);
    }

    [Fact]
    public async Task A_refused_models_list_is_a_coverage_record_and_leaves_its_location_to_the_catalogue()
    {
        var options = new EmulatorOptions { FixtureFolder = DemoTenant() };
        options.Faults.Add(new FaultRule { Service = EmulatorService.Arm, PathContains = "/locations/westeurope/models", Kind = FaultKind.Forbidden });
        await using var emulator = await EmulatorServer.StartAsync(options);
        var collector = new AzureAiCollector(Connect(emulator), new AzureAiCollectorOptions { CollectDiagnosticSettings = false });

        var collection = await collector.CollectAsync(await collector.ListSubscriptionsAsync());

        var error = Assert.Single(collection.Errors, e => e.Scope != DevSearch);
        Assert.Equal(403, error.Status);
        Assert.Equal("arm:models", error.Operation);
        Assert.Equal("/subscriptions/6f1c0a00-0000-4000-8000-000000000002/locations/westeurope", error.Scope);
        Assert.Null(collection.Inventory.Models.ReadAt("westeurope"));
        Assert.NotNull(collection.Inventory.Models.ReadAt("eastus"));
        Assert.Contains(collection.Inventory.OfFamily(AiResourceFamily.ModelDeployment), d => d.Name == "o3-mini");
    }

    [Fact]
    public async Task A_child_list_whose_answer_is_always_cut_short_is_a_coverage_record_and_the_rest_is_collected()
    {
        var options = new EmulatorOptions { FixtureFolder = DemoTenant() };
        options.Faults.Add(new FaultRule { Service = EmulatorService.Arm, PathContains = "/accounts/oai-contoso-dev/deployments", Kind = FaultKind.TruncatedBody });
        await using var emulator = await EmulatorServer.StartAsync(options);
        var collector = new AzureAiCollector(Connect(emulator), new AzureAiCollectorOptions { CollectDiagnosticSettings = false });

        var collection = await collector.CollectAsync(await collector.ListSubscriptionsAsync());

        var error = Assert.Single(collection.Errors, e => e.Scope.Contains("oai-contoso-dev", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, error.Status);
        Assert.Contains("no answer after", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(collection.Inventory.OfFamily(AiResourceFamily.ModelDeployment), d => d.Id.Contains("/accounts/oai-contoso-dev/", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(collection.Inventory.OfFamily(AiResourceFamily.ModelDeployment), d => !d.Id.Contains("/accounts/oai-contoso-dev/", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Collecting_one_deployment_lists_its_accounts_location_once()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = DemoTenant() });
        var collector = new AzureAiCollector(Connect(emulator), new AzureAiCollectorOptions { CollectDiagnosticSettings = false });

        var collection = await collector.CollectResourceAsync("/subscriptions/6f1c0a00-0000-4000-8000-000000000002/resourceGroups/rg-ai-dev/providers/Microsoft.CognitiveServices/accounts/oai-contoso-dev/deployments/o3-mini");

        Assert.Equal(1, emulator.Stats.CountOf("ARM GET /subscriptions/{subscriptionId}/providers/Microsoft.CognitiveServices/locations/{name}/models"));
        Assert.Equal(["westeurope"], collection.Inventory.Models.LocationsRead.Keys);
    }

    [Fact]
    public async Task Batches_subscriptions_into_one_query_each()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = DemoTenant() });
        var collector = new AzureAiCollector(Connect(emulator), new AzureAiCollectorOptions { SubscriptionsPerQuery = 1, CollectDiagnosticSettings = false });

        var collection = await collector.CollectAsync(await collector.ListSubscriptionsAsync());

        Assert.Equal(3 + 1, collection.Calls[ApiCallKinds.ResourceGraph]); // + the grounding storage
        Assert.All(collection.Inventory.Resources, r => Assert.Null(r.DiagnosticSettings));
    }

    [Fact]
    public async Task A_refused_read_becomes_an_error_record_and_unknown_logging_not_a_failure()
    {
        var options = new EmulatorOptions { FixtureFolder = DemoTenant() };
        options.Faults.Add(new FaultRule { Service = EmulatorService.Arm, PathContains = "oai-contoso-prod-swc/providers/Microsoft.Insights/diagnosticSettings", Kind = FaultKind.Forbidden });
        await using var emulator = await EmulatorServer.StartAsync(options);
        var collector = new AzureAiCollector(Connect(emulator));

        var collection = await collector.CollectAsync(await collector.ListSubscriptionsAsync());

        var error = Assert.Single(collection.Errors, e => e.Scope != DevSearch);
        Assert.Equal(403, error.Status);
        Assert.Equal("arm:diagnosticSettings", error.Operation);
        var account = collection.Inventory.Resources.Single(r => r.Name == "oai-contoso-prod-swc");
        Assert.Null(account.DiagnosticSettings);
    }

    [Fact]
    public async Task Throttled_graph_queries_are_retried_after_retry_after()
    {
        var options = new EmulatorOptions { FixtureFolder = DemoTenant() };
        options.Faults.Add(new FaultRule { Service = EmulatorService.ResourceGraph, Kind = FaultKind.TooManyRequests, RetryAfterSeconds = 1, MaxCount = 1 });
        await using var emulator = await EmulatorServer.StartAsync(options);
        var collector = new AzureAiCollector(Connect(emulator), new AzureAiCollectorOptions { CollectDiagnosticSettings = false });

        var collection = await collector.CollectAsync(await collector.ListSubscriptionsAsync());

        Assert.Equal([DevSearch], collection.Errors.Select(e => e.Scope));
        Assert.Equal(2 + 1, collection.Calls[ApiCallKinds.ResourceGraph]); // the retried query, then the grounding storage
        Assert.Equal(1, collection.Calls[ApiCallKinds.Throttled]);
        Assert.NotEmpty(collection.Inventory.Resources);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Objects_of_unexpected_shape_are_passed_over_when_model_lists_are_planned()
    {
        var items = JsonDocument.Parse("""
            [42, "text", null, [], {}, {"id": 7, "type": "Microsoft.CognitiveServices/accounts"}, {"id": "/x", "type": 3},
             {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/a", "type": "Microsoft.CognitiveServices/accounts", "location": "eastus"},
             {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/a/deployments/d", "type": "Microsoft.CognitiveServices/accounts/deployments", "properties": {"model": {"format": "OpenAI"}}}]
            """).RootElement.EnumerateArray().ToList();

        var pairs = AzureAiCollector.ModelListPairs(items);

        Assert.Equal([("s", "eastus")], pairs);
    }
}
