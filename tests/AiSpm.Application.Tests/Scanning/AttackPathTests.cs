using AiSpm.Application.Scanning;
using AiSpm.Connectors.Arm;
using AiSpm.Core.Findings;
using AiSpm.Core.Graph;
using AiSpm.Core.Ports;
using AiSpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Application.Tests.Scanning;

/// <summary>
/// Attack paths through the durable scan on Azurite: shards store the edges, the run's close finds the paths on the
/// whole graph, and a change event that fixes one link resolves the paths through it and nothing else.
/// </summary>
public sealed class AttackPathTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Summarizer = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-apps-prod/providers/Microsoft.Web/sites/func-contoso-summarizer";
    private const string Account = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-ai-prod/providers/Microsoft.CognitiveServices/accounts/oai-contoso-prod-swc";

    private static async Task<List<StoredFinding>> PathsAsync(ScanHarness harness, FindingStatus? status = null) =>
        await harness.Findings.QueryAllAsync(new FindingQuery(Status: status)).Where(f => f.Finding.Key.RuleId.StartsWith("AISPM-4", StringComparison.Ordinal)).ToListAsync();

    [Fact]
    public async Task A_full_scan_stores_the_edges_and_the_paths_through_them()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);

        await harness.FullScanAsync();
        var edges = await harness.Services.GetRequiredService<IEdgeStore>().OutOfAsync(Summarizer).ToListAsync();
        var paths = await PathsAsync(harness, FindingStatus.Open);

        Assert.Contains(edges, e => e.Relation == EdgeRelations.ConsumesKeyOf && string.Equals(e.To, Account, StringComparison.OrdinalIgnoreCase) && e.Label == "AZURE_OPENAI_API_KEY");
        var exposed = Assert.Single(paths, p => p.Finding.Key.RuleId == "AISPM-4001" && p.Finding.Key.ResourceId == Account);
        Assert.Equal(Summarizer, exposed.Finding.Evidence["hop.1"]);
        Assert.Contains(paths, p => p.Finding.Key.RuleId == "AISPM-4002" && p.Finding.Evidence["hop.2"] == Account);
    }

    [Fact]
    public async Task Apps_that_name_an_endpoint_call_it_across_shards_and_whoever_holds_a_role_on_the_ai_is_listed()
    {
        const string HrPortal = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-apps-prod/providers/Microsoft.Web/sites/app-contoso-hr-portal";
        const string DevSearchApp = "/subscriptions/6f1c0a00-0000-4000-8000-000000000002/resourceGroups/rg-apps-dev/providers/Microsoft.App/containerApps/ca-contoso-search-dev";
        const string ProdSearch = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-search-prod/providers/Microsoft.Search/searchServices/srch-contoso-prod";
        await using var harness = await ScanHarness.StartAsync(azurite);

        await harness.FullScanAsync();
        var edges = harness.Services.GetRequiredService<IEdgeStore>();
        var portalCalls = await edges.OutOfAsync(HrPortal).Where(e => e.Relation == EdgeRelations.CallsEndpoint).ToListAsync();
        var devCalls = await edges.OutOfAsync(DevSearchApp).Where(e => e.Relation == EdgeRelations.CallsEndpoint).ToListAsync();
        var assets = await harness.Services.GetRequiredService<IAssetStore>().ListAsync().ToListAsync();

        Assert.Equal([Account, ProdSearch], portalCalls.Select(e => e.To).Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        // The dev app's shard reads only the dev subscription: the endpoint of the prod account is resolved at the run's close.
        Assert.Contains(devCalls, e => string.Equals(e.To, Account, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(assets, a => a.ResourceId == HrPortal && a.Class == Core.Assets.AssetClass.KeyConsumer);
        var portalIdentity = Assert.Single(assets, a => a.ResourceId == GraphEdges.ServicePrincipalNode("9d000000-0000-4000-8000-000000000013"));
        Assert.Equal(Core.Assets.AssetClass.Identity, portalIdentity.Class);
        Assert.Contains("Search Index Data Reader", portalIdentity.PropertiesJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_full_scan_rewrites_no_identity_or_role_that_stayed_the_same_and_keeps_the_paths()
    {
        var identity = GraphEdges.ServicePrincipalNode("9d000000-0000-4000-8000-000000000013");
        await using var harness = await ScanHarness.StartAsync(azurite);
        var assets = harness.Services.GetRequiredService<IAssetStore>();
        var edges = harness.Services.GetRequiredService<IEdgeStore>();

        await harness.FullScanAsync();
        var first = await assets.ListAsync().SingleAsync(a => a.ResourceId == identity);
        var pathsBefore = (await PathsAsync(harness, FindingStatus.Open)).Select(p => p.Finding.Key.Id).ToHashSet();
        await harness.FullScanAsync();
        var second = await assets.ListAsync().SingleAsync(a => a.ResourceId == identity);
        var roles = await edges.OutOfAsync(identity).Where(e => e.Relation == EdgeRelations.RoleOn).ToListAsync();
        var pathsAfter = (await PathsAsync(harness, FindingStatus.Open)).Select(p => p.Finding.Key.Id).ToHashSet();

        Assert.Equal((first.LastSeen, first.PropertiesJson), (second.LastSeen, second.PropertiesJson));
        Assert.Equal(["Cognitive Services OpenAI User", "Search Index Data Reader"], roles.Select(e => e.Label!).Order(StringComparer.Ordinal));
        Assert.NotEmpty(pathsAfter);
        Assert.Equal(pathsBefore, pathsAfter);
    }

    [Fact]
    public async Task Roles_whose_digest_no_longer_matches_what_was_recorded_are_read_back_and_made_what_resource_graph_says()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var edges = harness.Services.GetRequiredService<IEdgeStore>();
        var identity = GraphEdges.ServicePrincipalNode("9d000000-0000-4000-8000-000000000013");
        await harness.FullScanAsync();
        var roles = await edges.ListAsync(null, new HashSet<string> { EdgeRelations.RoleOn }, new HashSet<string> { EdgeRelations.RoleOn }).ToListAsync();
        Assert.NotEmpty(roles);
        Assert.Equal(EdgeSetDigest.Of(roles), await edges.ReadDigestAsync(EdgeRelations.RoleOn));

        // The store no longer holds what its digest says (a role edge left behind, written by hand or by an older
        // version): the next close reads the roles back, removes the stray one and records the digest again.
        var stray = new GraphEdge(identity, EdgeRelations.RoleOn, "/subscriptions/6f1c0a00-0000-4000-8000-000000000001", "Owner", "never assigned");
        await edges.RecordAsync("by-hand", [stray], DateTimeOffset.UtcNow);
        await edges.WriteDigestAsync(EdgeRelations.RoleOn, "stale");
        await harness.FullScanAsync();
        var after = await edges.ListAsync(null, new HashSet<string> { EdgeRelations.RoleOn }, new HashSet<string> { EdgeRelations.RoleOn }).ToListAsync();

        Assert.DoesNotContain(after, e => e.Label == "Owner" && e.From == identity);
        Assert.Equal(roles.Count, after.Count);
        Assert.Equal(EdgeSetDigest.Of(after), await edges.ReadDigestAsync(EdgeRelations.RoleOn));
    }

    [Fact]
    public async Task The_close_decides_on_what_each_shard_handed_it_the_graph_the_tables_hold()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var parts = harness.Services.GetRequiredService<IShardGraphStore>();
        AttackPathEvaluator Close(IShardGraphStore? handed) => new(harness.Findings, harness.Assets, harness.Services.GetRequiredService<IEdgeStore>(),
            harness.Services.GetRequiredService<Core.Rules.RuleCatalog>(), tables: new Connectors.Collection.ResourceGraphEdgeCollector(harness.Services.GetRequiredService<ArmConnection>()), shardGraphs: handed,
            amendedAtClose: new HashSet<string> { Core.Rules.Credentials.CredentialsExposedAiKey.Rule.Id });

        var run = await harness.FullScanAsync();
        var handed = await parts.ReadAsync(run.RunId, run.ShardsPlanned);
        var pathsBefore = (await PathsAsync(harness, FindingStatus.Open)).Select(p => p.Finding.Key.Id).ToHashSet();
        var fromParts = await Close(parts).EvaluateAsync(run, DateTimeOffset.UtcNow);
        var fromTables = await Close(null).EvaluateAsync(run, DateTimeOffset.UtcNow);
        var pathsAfter = (await PathsAsync(harness, FindingStatus.Open)).Select(p => p.Finding.Key.Id).ToHashSet();
        var next = await harness.FullScanAsync();

        Assert.NotNull(handed);
        Assert.Equal(run.ShardsPlanned, handed.Count);
        Assert.Equal($"read assets and edges ({run.ShardsPlanned} shards' parts)", fromParts.Stages[0].Stage);
        Assert.Equal("read assets and edges (tables)", fromTables.Stages[0].Stage);
        // The access shard read the roles and alerts and refreshed them in the store while the other shards ran: the close
        // takes them from its part, and queries Resource Graph itself only when it lists the tables.
        var access = Assert.Single(handed, p => p.Access is not null);
        Assert.True(access.Access!.RolesComplete);
        Assert.Empty(access.Nodes);
        Assert.Contains(access.Edges, e => e.Relation == EdgeRelations.RoleOn);
        Assert.All(access.Edges, e => Assert.Contains(e.Relation, new[] { EdgeRelations.RoleOn, EdgeRelations.Alert }));
        Assert.DoesNotContain(fromParts.Stages, s => s.Stage == "query roles and alerts");
        Assert.Contains(fromTables.Stages, s => s.Stage == "query roles and alerts");
        Assert.Equal((fromTables.Nodes, fromTables.Edges, fromTables.Open), (fromParts.Nodes, fromParts.Edges, fromParts.Open));
        // Every shard (the refused environment's too) handed the open findings of its scopes the paths join: the close
        // read the same ones as the table holds, without querying it.
        Assert.All(handed, p => Assert.NotNull(p.OpenFindings));
        Assert.Contains(handed, p => p.OpenFindings!.Count > 0);
        string FindingsStage(AttackPathEvaluation e) => Assert.Single(e.Stages, s => s.Stage.StartsWith("read open findings", StringComparison.Ordinal)).Stage;
        Assert.EndsWith("the shards' parts)", FindingsStage(fromParts), StringComparison.Ordinal);
        Assert.EndsWith("table)", FindingsStage(fromTables), StringComparison.Ordinal);
        // The same member findings; the open paths a shard hands are those open when it recorded (this run's close
        // wrote the paths after the shards), which is what a close needs to resolve the paths it no longer finds.
        static string Members(string stage) => stage[..stage.IndexOf(" and ", StringComparison.Ordinal)];
        Assert.Equal(Members(FindingsStage(fromTables)), Members(FindingsStage(fromParts)));
        Assert.NotEmpty(pathsBefore);
        Assert.Equal(pathsBefore, pathsAfter);
        // The next run's close keeps its own parts and removes those of the run before.
        Assert.Null(await parts.ReadAsync(run.RunId, run.ShardsPlanned));
        Assert.NotNull(await parts.ReadAsync(next.RunId, next.ShardsPlanned));
    }

    [Fact]
    public async Task An_access_part_that_could_not_read_every_role_leaves_the_identities_and_one_that_did_decides_them()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var parts = harness.Services.GetRequiredService<IShardGraphStore>();
        var close = new AttackPathEvaluator(harness.Findings, harness.Assets, harness.Services.GetRequiredService<IEdgeStore>(),
            harness.Services.GetRequiredService<Core.Rules.RuleCatalog>(), tables: new Connectors.Collection.ResourceGraphEdgeCollector(harness.Services.GetRequiredService<ArmConnection>()), shardGraphs: parts);
        async Task<int> IdentitiesAsync() => await harness.Assets.ListAsync(FindingScope.Tenant).CountAsync(a => a.Class == Core.Assets.AssetClass.Identity);

        var run = await harness.FullScanAsync();
        var handed = (await parts.ReadAsync(run.RunId, run.ShardsPlanned))!;
        var index = handed.ToList().FindIndex(p => p.Access is not null);
        var identities = await IdentitiesAsync();
        Assert.True(identities > 0);

        // The access shard's query failed: no role read, the stored ones stand in (here: none handed) and no identity goes.
        await parts.WriteAsync(run.RunId, index, new ShardGraph([], []) { Access = new ShardGraphAccess(RolesComplete: false) }, DateTimeOffset.UtcNow);
        await close.EvaluateAsync(run, DateTimeOffset.UtcNow);
        Assert.Equal(identities, await IdentitiesAsync());

        // Every role read, none of them left: the identities that held only roles are gone.
        await parts.WriteAsync(run.RunId, index, new ShardGraph([], []) { Access = new ShardGraphAccess(RolesComplete: true) }, DateTimeOffset.UtcNow);
        await close.EvaluateAsync(run, DateTimeOffset.UtcNow);
        Assert.True(await IdentitiesAsync() < identities);
    }

    [Fact]
    public async Task Closing_the_account_to_the_internet_resolves_the_paths_that_needed_it_and_keeps_the_others()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        await harness.FullScanAsync();
        var before = await PathsAsync(harness, FindingStatus.Open);

        await new ArmRestClient(harness.Tenant.ConnectArm()).PatchAsync(Account, "2024-10-01",
            new { properties = new { publicNetworkAccess = "Disabled", networkAcls = new { defaultAction = "Deny", ipRules = Array.Empty<object>() } } });
        await harness.ResourceScanAsync(Account);
        var afterEvent = await PathsAsync(harness);
        await harness.FullScanAsync();
        var afterFullScan = await PathsAsync(harness);

        var needsPublic = before.Single(p => p.Finding.Key.RuleId == "AISPM-4001" && p.Finding.Key.ResourceId == Account).Finding.Key.Id;
        var keysOnly = before.Where(p => p.Finding.Key.RuleId == "AISPM-4002" && p.Finding.Evidence["hop.2"] == Account).Select(p => p.Finding.Key.Id).ToList();
        Assert.NotEmpty(keysOnly);
        Assert.Equal(FindingStatus.Resolved, afterEvent.Single(p => p.Finding.Key.Id == needsPublic).Status);
        Assert.All(keysOnly, id => Assert.Equal(FindingStatus.Open, afterEvent.Single(p => p.Finding.Key.Id == id).Status));
        Assert.All(before.Where(p => p.Finding.Key.Id != needsPublic), p => Assert.Equal(FindingStatus.Open, afterEvent.Single(a => a.Finding.Key.Id == p.Finding.Key.Id).Status));
        // The next full scan agrees: the closed path stays resolved, the others keep their id and first sighting.
        Assert.Equal(FindingStatus.Resolved, afterFullScan.Single(p => p.Finding.Key.Id == needsPublic).Status);
        Assert.All(keysOnly, id => Assert.Equal((FindingStatus.Open, before.Single(p => p.Finding.Key.Id == id).FirstSeen),
            afterFullScan.Single(p => p.Finding.Key.Id == id) is var f ? (f.Status, f.FirstSeen) : default));
    }
}
