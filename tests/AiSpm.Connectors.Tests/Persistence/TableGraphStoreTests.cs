using AiSpm.Connectors.Persistence;
using AiSpm.Core.Assets;
using AiSpm.Core.Graph;
using AiSpm.Testing;

namespace AiSpm.Connectors.Tests.Persistence;

/// <summary>
/// The edge and asset stores on Azurite: edges listed since a run's start plus the relations read afresh each scan
/// whatever their age, and rows removed when they no longer hold (removing one already gone is no error).
/// </summary>
public sealed class TableGraphStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Earlier = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Edges_of_any_age_are_listed_for_the_relations_asked_and_removed_edges_are_gone()
    {
        var store = new TableEdgeStore(await azurite.NewTableAsync("edges"));
        var old = new GraphEdge("/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/a", EdgeRelations.ConsumesKeyOf, "/x", "KEY", "old run");
        var role = new GraphEdge(GraphEdges.ServicePrincipalNode("p"), EdgeRelations.RoleOn, "/subscriptions/s", "Reader", "assignment 1");
        var fresh = new GraphEdge("/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/b", EdgeRelations.CallsEndpoint, "/y", "host", "this run");
        await store.RecordAsync("run-1", [old, role], Earlier);
        await store.RecordAsync("run-2", [fresh], Earlier.AddDays(1));

        var sinceRun2 = await store.ListAsync(Earlier.AddDays(1)).ToListAsync();
        var withRoles = await store.ListAsync(Earlier.AddDays(1), new HashSet<string> { EdgeRelations.RoleOn }).ToListAsync();
        await store.RemoveAsync([role, role with { To = "/never-stored" }]);
        var afterRemoval = await store.ListAsync().ToListAsync();

        Assert.Equal([fresh], sinceRun2);
        Assert.Equal([fresh, role], withRoles.OrderBy(e => e.Relation, StringComparer.Ordinal));
        Assert.Equal([old, fresh], afterRemoval.OrderBy(e => e.From, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Only_the_relations_asked_for_are_listed_however_many_are_asked()
    {
        var store = new TableEdgeStore(await azurite.NewTableAsync("edges"));
        var relations = new[] { EdgeRelations.Granted, EdgeRelations.ConsumesKeyOf, EdgeRelations.RoleOn, EdgeRelations.HasIdentity };
        var edges = Enumerable.Range(0, 200).Select(i => new GraphEdge($"/subscriptions/s/providers/p/x{i}", relations[i % 4], $"/t{i}", null, "e")).ToList();
        await store.RecordAsync("run-1", edges, Earlier);
        var old = new GraphEdge(GraphEdges.ServicePrincipalNode("q"), EdgeRelations.RoleOn, "/subscriptions/s", "Reader", "older run");
        await store.RecordAsync("run-0", [old], Earlier.AddDays(-1));
        var anyAge = new HashSet<string> { EdgeRelations.RoleOn };

        var some = await store.ListAsync(Earlier, anyAge, new HashSet<string> { EdgeRelations.ConsumesKeyOf, EdgeRelations.RoleOn }).ToListAsync();
        // More relations than one $filter may compare: selected here instead, with the same answer.
        var many = typeof(EdgeRelations).GetFields().Select(f => (string)f.GetRawConstantValue()!).Where(r => r != EdgeRelations.Granted)
            .Concat(Enumerable.Range(0, 10).Select(i => "future-" + i)).ToHashSet(StringComparer.Ordinal);
        var allButGranted = await store.ListAsync(Earlier, anyAge, many).ToListAsync();

        Assert.Equal(edges.Where(e => e.Relation is EdgeRelations.ConsumesKeyOf or EdgeRelations.RoleOn).Append(old).OrderBy(e => e.From, StringComparer.Ordinal),
            some.OrderBy(e => e.From, StringComparer.Ordinal));
        Assert.Equal(edges.Where(e => e.Relation != EdgeRelations.Granted).Append(old).OrderBy(e => e.From, StringComparer.Ordinal),
            allButGranted.OrderBy(e => e.From, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Edges_from_many_sources_share_a_few_partitions_and_a_nodes_edges_out_are_one_query()
    {
        var table = await azurite.NewTableAsync("edges");
        var store = new TableEdgeStore(table);
        var node = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/Consumer";
        GraphEdge[] own =
        [
            new(node, EdgeRelations.ConsumesKeyOf, "/a", "KEY_A", "setting A"),
            new(node, EdgeRelations.ConsumesKeyOf, "/b", "KEY_B", "setting B"),
            new(node, EdgeRelations.CallsEndpoint, "/a", "host", "setting C"),
        ];
        var others = Enumerable.Range(0, 600)
            .Select(i => new GraphEdge(GraphEdges.ServicePrincipalNode($"p{i}"), EdgeRelations.RoleOn, "/subscriptions/s", "Reader", "assignment"))
            .ToList();
        await store.RecordAsync("run-1", [.. others, .. own], Earlier);

        var outOfNode = await store.OutOfAsync(node.ToUpperInvariant()).ToListAsync();
        var rows = await table.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]).ToListAsync();

        Assert.Equal(own.OrderBy(e => e.Label, StringComparer.Ordinal), outOfNode.OrderBy(e => e.Label, StringComparer.Ordinal));
        Assert.Equal(603, rows.Count);
        Assert.Equal(603, rows.Select(r => r.RowKey).Distinct(StringComparer.Ordinal).Count());
        Assert.InRange(rows.Select(r => r.PartitionKey).Distinct(StringComparer.Ordinal).Count(), TableEdgeStore.Buckets / 2, TableEdgeStore.Buckets);
        Assert.Equal(603, await store.ListAsync().CountAsync());
    }

    [Fact]
    public async Task Assets_are_removed_by_id_and_removing_one_already_gone_is_no_error()
    {
        var store = new TableAssetStore(await azurite.NewTableAsync("assets"));
        Asset Identity(string id) => new() { Class = AssetClass.Identity, ResourceId = GraphEdges.ServicePrincipalNode(id), Type = "graph/servicePrincipal", Name = "service principal " + id };
        await store.RecordAsync("run-1", [Identity("a"), Identity("b")], Earlier);

        await store.RemoveAsync([Identity("a"), Identity("never-stored")]);
        var listed = await store.ListAsync().ToListAsync();

        Assert.Equal([GraphEdges.ServicePrincipalNode("b")], listed.Select(a => a.ResourceId));
    }

    [Fact]
    public async Task Assets_of_every_scope_but_one_are_listed_with_or_without_their_facts()
    {
        var store = new TableAssetStore(await azurite.NewTableAsync("assets"));
        var identity = new Asset { Class = AssetClass.Identity, ResourceId = GraphEdges.ServicePrincipalNode("a"), Type = "graph/servicePrincipal", Name = "sp a" };
        var accounts = Enumerable.Range(0, 20).Select(i => new Asset
        {
            ResourceId = $"/subscriptions/{i:x}0000000-0000-4000-8000-000000000000/resourceGroups/g/providers/Microsoft.CognitiveServices/accounts/a{i}",
            Type = "microsoft.cognitiveservices/accounts", Name = "a" + i, PropertiesJson = """{"disableLocalAuth":false}""",
        }).ToList();
        await store.RecordAsync("run-1", [identity, .. accounts], Earlier);

        var bare = await store.ListAllButAsync(Core.Findings.FindingScope.Tenant, withFacts: false).ToListAsync();
        var whole = await store.ListAllButAsync(Core.Findings.FindingScope.Tenant, withFacts: true).ToListAsync();

        Assert.Equal(accounts.Select(a => a.ResourceId).Order(StringComparer.Ordinal), bare.Select(a => a.ResourceId).Order(StringComparer.Ordinal));
        Assert.All(bare, a => Assert.Null(a.PropertiesJson));
        Assert.All(whole, a => Assert.Equal("""{"disableLocalAuth":false}""", a.PropertiesJson));
        Assert.Equal(21, await store.ListAsync().CountAsync());
    }
}
