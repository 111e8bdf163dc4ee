using AiSpm.Connectors.Persistence;
using AiSpm.Core.Assets;
using AiSpm.Core.Findings;
using AiSpm.Core.Graph;
using AiSpm.Testing;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Tests.Persistence;

/// <summary>
/// The shards' parts of the graph on Azurite: a part larger than one row reads back as written; a part missing, torn
/// (rows of two attempts) or not one this version wrote reads as nothing, so the close lists the tables instead; an
/// activity that ran twice leaves its last write; the close removes earlier runs' parts and keeps its own.
/// </summary>
public sealed class TableShardGraphStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset SeenAt = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    private static ShardGraph Part(int nodes, string subscription = "0a1b2c3d-0000-4000-8000-00000000e100")
    {
        // Ids that do not compress away, so the part spans rows.
        var assets = Enumerable.Range(0, nodes).Select(i => new Asset
        {
            ResourceId = $"/subscriptions/{subscription}/resourceGroups/rg-{Guid.NewGuid():N}/providers/Microsoft.CognitiveServices/accounts/oai-{i}",
            Class = i % 3 == 0 ? AssetClass.KeyConsumer : AssetClass.AiResource,
            Type = "microsoft.cognitiveservices/accounts",
            Name = $"oai-{i}",
            Kind = i % 2 == 0 ? "OpenAI" : null,
            Location = i % 5 == 0 ? null : "swedencentral",
        }).ToList();
        var edges = assets.Select((a, i) => new GraphEdge(a.ResourceId, EdgeRelations.ConsumesKeyOf, assets[(i + 1) % assets.Count].ResourceId, i % 4 == 0 ? null : "KEY", $"setting {Guid.NewGuid():N}")).ToList();
        return new ShardGraph(assets, edges);
    }

    /// <summary>What a listing without facts holds of an asset.</summary>
    private static (string, AssetClass, string, string, string?, string?, int, string?, DateTimeOffset?) Listed(Asset asset, DateTimeOffset? lastSeen) =>
        (asset.ResourceId, asset.Class, asset.Type, asset.Name, asset.Kind, asset.Location, asset.Tags.Count, asset.PropertiesJson, lastSeen);

    [Fact]
    public async Task A_part_spanning_rows_reads_back_as_written_with_when_its_shard_saw_it()
    {
        var table = await azurite.NewTableAsync("shardgraphs");
        var store = new TableShardGraphStore(table);
        var large = Part(12_000);
        var small = Part(3);

        await store.WriteAsync("run-1", 0, large, SeenAt);
        await store.WriteAsync("run-1", 1, small, SeenAt.AddMinutes(1));
        await store.WriteAsync("run-1", 2, new ShardGraph([], []), SeenAt);
        // The access shard's part says so, and whether every role assignment was read.
        var roles = new ShardGraph([], [new GraphEdge(GraphEdges.ServicePrincipalNode("mi-1"), EdgeRelations.RoleOn, "/subscriptions/x", "Reader", "a1")]) { Access = new ShardGraphAccess(RolesComplete: false) };
        await store.WriteAsync("run-1", 3, roles, SeenAt);
        var read = await store.ReadAsync("run-1", 4);
        var rows = await table.QueryAsync<TableEntity>(select: ["RowKey"]).Select(r => r.RowKey).ToListAsync();

        Assert.NotNull(read);
        Assert.True(rows.Count(k => k.StartsWith("00000.", StringComparison.Ordinal)) > 1, "the large part spans rows");
        Assert.Equal(large.Nodes.Select(n => Listed(n, SeenAt)), read[0].Nodes.Select(n => Listed(n, n.LastSeen)));
        Assert.Equal(large.Edges, read[0].Edges);
        Assert.Equal(small.Nodes.Select(n => Listed(n, SeenAt.AddMinutes(1))), read[1].Nodes.Select(n => Listed(n, n.LastSeen)));
        Assert.Empty(read[2].Nodes);
        Assert.Empty(read[2].Edges);
        Assert.Equal([null, null, null], read.Take(3).Select(p => p.Access));
        Assert.Equal(new ShardGraphAccess(RolesComplete: false), read[3].Access);
        Assert.Equal(roles.Edges, read[3].Edges);
    }

    [Fact]
    public async Task A_parts_open_findings_and_kept_keys_read_back_whole_and_a_part_without_them_reads_without_them()
    {
        var store = new TableShardGraphStore(await azurite.NewTableAsync("shardgraphs"));
        const string account = "/subscriptions/0a1b2c3d-0000-4000-8000-00000000e100/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/oai-1";
        var exposed = new Finding
        {
            Key = new FindingKey("AISPM-3001", account + "/sites/app", "KEY"),
            Severity = Severity.Critical,
            Category = "Credentials",
            Title = "An AI key is pasted into app settings",
            Detail = "Setting OPENAI_KEY holds a key.",
            Evidence = new Dictionary<string, string> { ["account"] = account, ["keySlot"] = "Key1" },
            SecretFingerprint = "fp:v1:0123abcd",
            SecretHint = "sk-p…J3kA",
        };
        var exempted = new Finding
        {
            Key = new FindingKey("AISPM-1001", account),
            Severity = Severity.High,
            Category = "NetworkExposure",
            Title = "Public network access is enabled",
            Exemption = new FindingExemption("ex-1", "accepted", "team@contoso.example", SeenAt.AddDays(30)),
        };
        FindingKey[] kept = [new("AISPM-4001", account, "path-1"), new("AISPM-1002", account)];
        await store.WriteAsync("run-1", 0, new ShardGraph([], []) { OpenFindings = [exposed, exempted], OpenKept = kept }, SeenAt);
        await store.WriteAsync("run-1", 1, new ShardGraph([], []) { OpenFindings = [], OpenKept = [] }, SeenAt);
        await store.WriteAsync("run-1", 2, new ShardGraph([], []), SeenAt);

        var read = await store.ReadAsync("run-1", 3);

        Assert.NotNull(read);
        Assert.Equal([exposed with { Evidence = read[0].OpenFindings![0].Evidence }, exempted with { Evidence = read[0].OpenFindings![1].Evidence }], read[0].OpenFindings);
        Assert.Equal(exposed.Evidence, read[0].OpenFindings![0].Evidence);
        Assert.Equal(exempted.Exemption, read[0].OpenFindings![1].Exemption);
        Assert.Equal(kept, read[0].OpenKept);
        Assert.Equal(kept.Select(k => k.Id), read[0].OpenKept!.Select(k => k.Id));
        Assert.Equal((0, 0), (read[1].OpenFindings!.Count, read[1].OpenKept!.Count));
        Assert.Null(read[2].OpenFindings);
        Assert.Null(read[2].OpenKept);
    }

    [Fact]
    public async Task A_missing_torn_or_foreign_part_reads_as_nothing_and_a_second_write_replaces_the_first()
    {
        var table = await azurite.NewTableAsync("shardgraphs");
        var store = new TableShardGraphStore(table);
        await store.WriteAsync("run-1", 0, Part(12_000), SeenAt);
        var missing = await store.ReadAsync("run-1", 2);

        // The activity ran again and wrote a smaller part: only its rows count, the first attempt's extra row is ignored.
        var again = Part(5);
        await store.WriteAsync("run-1", 0, again, SeenAt.AddMinutes(2));
        var replaced = await store.ReadAsync("run-1", 1);

        // A row of another attempt among the part's rows (an attempt interrupted while a later one wrote): not whole.
        var row = await table.GetEntityAsync<TableEntity>("run-1", "00000.0000");
        row.Value["Write"] = "another attempt";
        await table.UpdateEntityAsync(row.Value, Azure.ETag.All);
        var torn = await store.ReadAsync("run-1", 1);

        // Bytes that are not a part this version wrote.
        await table.UpsertEntityAsync(new TableEntity("run-2", "00000.0000") { ["Write"] = "w", ["P0"] = "not gzip"u8.ToArray() });
        await table.UpsertEntityAsync(new TableEntity("run-2", "00000") { ["Write"] = "w", ["Rows"] = 1, ["Bytes"] = 8, ["SeenAt"] = SeenAt });
        var foreign = await store.ReadAsync("run-2", 1);

        Assert.Null(missing);
        Assert.NotNull(replaced);
        Assert.Equal(again.Edges, replaced[0].Edges);
        Assert.Null(torn);
        Assert.Null(foreign);
    }

    [Fact]
    public async Task The_parts_of_earlier_runs_are_removed_and_those_of_the_run_and_of_later_ones_kept()
    {
        var table = await azurite.NewTableAsync("shardgraphs");
        var store = new TableShardGraphStore(table);
        await store.WriteAsync("run-1", 0, Part(2), SeenAt);
        await store.WriteAsync("run-2", 0, Part(2), SeenAt);
        var cut = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await store.WriteAsync("run-3", 0, Part(2), SeenAt);

        var removed = await store.RemoveOthersAsync("run-2", cut);

        Assert.Equal(2, removed);
        Assert.Null(await store.ReadAsync("run-1", 1));
        Assert.NotNull(await store.ReadAsync("run-2", 1));
        Assert.NotNull(await store.ReadAsync("run-3", 1));
    }
}
