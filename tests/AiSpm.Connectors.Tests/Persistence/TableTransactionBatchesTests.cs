using AiSpm.Connectors.Persistence;
using AiSpm.Testing;
using Azure;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Tests.Persistence;

public sealed class TableTransactionBatchesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static TableTransactionAction Upsert(string pk, string rk, string? text = null) =>
        new(TableTransactionActionType.UpsertMerge, new TableEntity(pk, rk) { ["Text"] = text ?? rk });

    [Fact]
    public void Batches_hold_one_partition_and_at_most_100_actions()
    {
        var actions = Enumerable.Range(0, 250).Select(i => Upsert($"p{i % 2}", $"r{i}")).ToList();

        var batches = TableTransactionBatches.Plan(actions);

        Assert.All(batches, b => Assert.InRange(b.Count, 1, 100));
        Assert.All(batches, b => Assert.Single(b.Select(a => a.Entity.PartitionKey).Distinct()));
        Assert.Equal(250, batches.Sum(b => b.Count));
        Assert.Equal(4, batches.Count);
    }

    [Fact]
    public void The_same_row_twice_goes_to_separate_batches_in_order()
    {
        var first = Upsert("p", "r");
        var second = Upsert("p", "r");

        var batches = TableTransactionBatches.Plan([first, Upsert("p", "x"), second]);

        Assert.Equal(2, batches.Count);
        Assert.Same(first, batches[0][0]);
        Assert.Same(second, batches[1][0]);
    }

    [Fact]
    public void Payload_size_splits_batches_and_escaped_json_counts_at_its_escaped_size()
    {
        // 200 KB of quotes: the SDK's JSON writer escapes each as six bytes, so 4 of these fill a transaction.
        var quoted = new string('"', 200_000);
        var actions = Enumerable.Range(0, 10).Select(i => Upsert("p", $"r{i}", quoted)).ToList();

        var batches = TableTransactionBatches.Plan(actions);

        Assert.All(batches, b => Assert.True(b.Sum(TableTransactionBatches.EstimateSize) <= TableTransactionBatches.MaxPayloadBytes));
        Assert.True(batches.Count >= 3, $"{batches.Count} batches");
        Assert.Equal(10, batches.Sum(b => b.Count));
    }

    [Fact]
    public void An_entity_too_large_for_any_transaction_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TableTransactionBatches.Plan([Upsert("p", "r")], _ => 5 * 1024 * 1024));
    }

    [Fact]
    public async Task A_thousand_upserts_across_partitions_read_back_through_the_sdk()
    {
        var table = await azurite.NewTableAsync("batches");
        var actions = Enumerable.Range(0, 1000).Select(i => Upsert($"sub{i % 7}", $"f{i:D4}")).ToList();

        var sent = await table.SubmitInBatchesAsync(actions);

        var rows = await table.QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(1000, rows.Count);
        Assert.Equal(actions.Count, rows.Select(r => (r.PartitionKey, r.RowKey)).Distinct().Count());
        Assert.InRange(sent, 11, 20);
    }

    [Fact]
    public async Task Distinct_rows_of_one_partition_go_in_parallel_transactions_and_all_arrive()
    {
        var table = await azurite.NewTableAsync("unordered");
        var actions = Enumerable.Range(0, 950).Select(i => Upsert("tenant", $"f{i:D4}")).ToList();

        var sent = await table.SubmitInBatchesAsync(actions, 4, unorderedWithinPartition: true);

        var rows = await table.QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(10, sent);
        Assert.Equal(actions.Select(a => a.Entity.RowKey).Order(StringComparer.Ordinal), rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_stale_etag_fails_its_transaction_and_changes_nothing_in_it()
    {
        var table = await azurite.NewTableAsync("stale");
        await table.AddEntityAsync(new TableEntity("p", "a") { ["V"] = 1 });
        var read = (await table.GetEntityAsync<TableEntity>("p", "a")).Value;
        await table.UpdateEntityAsync(new TableEntity("p", "a") { ["V"] = 2 }, read.ETag);

        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitInBatchesAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "b")),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "a") { ["V"] = 3 }, read.ETag),
        ]));

        Assert.Equal(412, failure.Status);
        Assert.Equal(1, failure.FailedTransactionActionIndex);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "b")).HasValue);
        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>("p", "a")).Value.GetInt32("V"));
    }
}
