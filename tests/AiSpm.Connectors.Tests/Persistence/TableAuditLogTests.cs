using AiSpm.Connectors.Persistence;
using Azure.Data.Tables;
using AiSpm.Core.Audit;
using AiSpm.Testing;

namespace AiSpm.Connectors.Tests.Persistence;

public sealed class TableAuditLogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<(TableAuditLog Log, TableClient Table)> NewLogAsync()
    {
        var table = await azurite.NewTableAsync("audit");
        return (new TableAuditLog(table), table);
    }

    private static AuditRecord Record(int i) => new("alice@contoso.example", "finding.suppressed", $"finding-{i}", $"{{\"justification\":\"accepted {i}\"}}");

    [Fact]
    public async Task Appended_chain_verifies()
    {
        var (log, _) = await NewLogAsync();
        for (var i = 0; i < 10; i++)
        {
            await log.AppendAsync(Record(i));
        }

        var result = await log.VerifyAsync();
        var entries = await log.ReadAsync().ToListAsync();

        Assert.True(result.IsIntact, result.ToString());
        Assert.Equal(10, result.VerifiedEntries);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Concurrent_appends_never_fork_the_chain()
    {
        var (log, _) = await NewLogAsync();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => log.AppendAsync(Record(i)))));
        var result = await log.VerifyAsync();

        Assert.True(result.IsIntact, result.ToString());
        Assert.Equal(12, result.VerifiedEntries);
    }

    [Fact]
    public async Task A_tampered_row_is_detected_and_named()
    {
        var (log, table) = await NewLogAsync();
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(Record(i));
        }

        var row = (await table.GetEntityAsync<TableEntity>("chain", "0000000000000000003")).Value;
        row!["Details"] = "{\"justification\":\"nothing to see\"}";
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace);
        var result = await log.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.BrokenAtSequence);
    }

    [Fact]
    public async Task A_deleted_last_row_is_detected_through_the_head()
    {
        var (log, table) = await NewLogAsync();
        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync(Record(i));
        }

        await table.DeleteEntityAsync("chain", "0000000000000000003");
        var result = await log.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Contains("removed", result.Reason, StringComparison.Ordinal);
    }
}
