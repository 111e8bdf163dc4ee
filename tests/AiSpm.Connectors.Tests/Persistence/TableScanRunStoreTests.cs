using AiSpm.Connectors.Persistence;
using Azure.Data.Tables;
using AiSpm.Core.Ports;
using AiSpm.Core.Scans;
using AiSpm.Testing;

namespace AiSpm.Connectors.Tests.Persistence;

public sealed class TableScanRunStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableScanRunStore> NewStoreAsync()
    {
        var table = await azurite.NewTableAsync("runs");
        return new TableScanRunStore(table);
    }

    [Fact]
    public async Task Fan_in_updates_conflict_on_a_stale_version()
    {
        var store = await NewStoreAsync();
        var run = await store.CreateAsync(new ScanRun { RunId = "run-1", Trigger = "timer", StartedAt = DateTimeOffset.UtcNow, ShardsPlanned = 2 });

        var afterFirstShard = await store.UpdateAsync(run with { ShardsCompleted = 1 });
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.UpdateAsync(run with { ShardsCompleted = 1 }));
        await store.UpdateAsync(afterFirstShard with { ShardsCompleted = 2, Status = ScanRunStatus.Completed });
        var read = await store.GetAsync("run-1");

        Assert.Equal(2, read!.ShardsCompleted);
        Assert.Equal(ScanRunStatus.Completed, read.Status);
    }

    [Fact]
    public async Task Recent_runs_come_newest_first()
    {
        var store = await NewStoreAsync();
        var t = DateTimeOffset.UtcNow;
        await store.CreateAsync(new ScanRun { RunId = "old", Trigger = "timer", StartedAt = t.AddHours(-2) });
        await store.CreateAsync(new ScanRun { RunId = "new", Trigger = "event", StartedAt = t });
        await store.CreateAsync(new ScanRun { RunId = "mid", Trigger = "http", StartedAt = t.AddHours(-1) });

        var recent = await store.ListRecentAsync(10);

        Assert.Equal(["new", "mid", "old"], recent.Select(r => r.RunId));
        Assert.Null(await store.GetAsync("missing"));
    }
}
