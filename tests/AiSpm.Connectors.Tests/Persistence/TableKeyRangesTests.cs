using AiSpm.Connectors.Persistence;
using AiSpm.Core.Findings;
using AiSpm.Testing;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Tests.Persistence;

public sealed class TableKeyRangesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly IReadOnlyList<string> ResourceRanges = TableKeyRanges.ByFirstHexDigitAfter(TableKey.ForResourceId("/subscriptions/"), TableKey.ForResourceId("graph:/servicePrincipals/"));

    /// <summary>Keys of every shape the stores write: resource ids in every subscription digit, tenant objects, hashed long ids, environments.</summary>
    private static List<string> Keys()
    {
        var keys = "0123456789abcdef".Select(d => TableKey.ForResourceId($"/subscriptions/{d}0000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"))
            .Concat("0123456789abcdef".Select(d => TableKey.ForResourceId($"graph:/servicePrincipals/{d}e000000-0000-4000-8000-000000000001")))
            .Concat(new[] { "/servicePrincipals/5e000000-0000-4000-8000-000000000001", "graph:/users/1", "graph:/servicePrincipals/", "graph:/servicePrincipalsX", "/applications/a", "powerplatform:/environments/e1/bots/b", new string('x', 600), "/subscriptions/", "/subscriptions/G-upper", "/subscriptions/~" }
                .Select(TableKey.ForResourceId))
            .Concat(new[] { FindingScope.Tenant, FindingScope.ForEnvironment("E1"), FindingScope.ForSubscription("ffffffff-0000-4000-8000-000000000000"), "!", "~~~" })
            .ToList();
        return keys;
    }

    [Fact]
    public async Task Ranges_read_every_row_once_in_key_order()
    {
        var table = await azurite.NewTableAsync("ranges");
        var keys = Keys();
        await table.SubmitInBatchesAsync(keys.SelectMany(pk => Enumerable.Range(0, 3).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(pk, $"r{i}") { ["Kind"] = i % 2 == 0 ? "even" : "odd" }))));

        var whole = await table.QueryAsync<TableEntity>().Select(r => (r.PartitionKey, r.RowKey)).ToListAsync();
        var ranged = await table.QueryByRangesAsync<TableEntity>(null, ResourceRanges).Select(r => (r.PartitionKey, r.RowKey)).ToListAsync();
        var bySubscriptionScope = await table.QueryByRangesAsync<TableEntity>(null, TableKeyRanges.ByFirstHexDigitAfter(FindingScope.SubscriptionPrefix)).Select(r => (r.PartitionKey, r.RowKey)).ToListAsync();

        Assert.Equal(keys.Count * 3, whole.Count);
        Assert.Equal(whole, ranged);
        Assert.Equal(whole, bySubscriptionScope);
    }

    [Fact]
    public async Task A_filter_applies_within_every_range_and_columns_are_selected()
    {
        var table = await azurite.NewTableAsync("rangesfiltered");
        var keys = Keys();
        await table.SubmitInBatchesAsync(keys.SelectMany(pk => Enumerable.Range(0, 3).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(pk, $"r{i}") { ["Kind"] = i % 2 == 0 ? "even" : "odd", ["Other"] = "x" }))));

        var rows = await table.QueryByRangesAsync<TableEntity>(TableClient.CreateQueryFilter($"Kind eq {"odd"}"), ResourceRanges, ["Kind"]).ToListAsync();

        Assert.Equal(keys.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal("odd", r.GetString("Kind")));
        Assert.All(rows, r => Assert.False(r.ContainsKey("Other")));
    }

    [Fact]
    public async Task Boundaries_out_of_order_are_refused_rather_than_leaving_rows_out()
    {
        var table = await azurite.NewTableAsync("rangesunordered");

        await Assert.ThrowsAsync<ArgumentException>(() => table.QueryByRangesAsync<TableEntity>(null, ["b", "a"]).ToListAsync().AsTask());
    }

    [Fact]
    public void Boundaries_are_in_ascending_order_and_cover_the_hex_digits_of_each_prefix()
    {
        var one = TableKeyRanges.ByFirstHexDigitAfter("sub-");
        var two = TableKeyRanges.ByFirstHexDigitAfter("~2Fsubscriptions~2F", "graph~3A~2Fserviceprincipals~2F");

        Assert.Equal(17, one.Count);
        Assert.Equal("sub-0", one[0]);
        Assert.Equal("sub-g", one[^1]);
        Assert.Equal(34, two.Count);
        Assert.Equal(two.Order(StringComparer.Ordinal), two);
        Assert.Equal("graph~3A~2Fserviceprincipals~2F0", two[0]);
    }
}
