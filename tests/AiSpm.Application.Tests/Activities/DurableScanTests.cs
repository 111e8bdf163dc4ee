using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Scans;
using AiSpm.Application.Activities;
using AiSpm.Testing;
using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Application.Tests.Activities;

/// <summary>AiSpm's activities on their own, on Azurite and the emulated demo tenant.</summary>
public sealed class DurableScanTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_shard_of_a_run_that_does_not_exist_is_a_gap_at_once()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);

        var result = await harness.Services.GetRequiredService<ScanShardActivity>().RunAsync(new ScanShard("no-such-run", 0, ScanShardKind.AzureSubscriptions, ["6f1c0a00-0000-4000-8000-000000000001"]));

        Assert.True(result.Failed);
        Assert.Contains("no-such-run", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_step_that_runs_twice_records_one_run()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var plan = harness.Services.GetRequiredService<PlanFullScanActivity>();
        var at = new DateTimeOffset(2026, 12, 3, 6, 0, 0, 123, TimeSpan.Zero);
        var request = new FullScanRequest("timer", at, Plan: new PlanKey("fullscan-timer-20261203T0600Z#1", at));

        var first = await plan.RunAsync(request);
        var again = await plan.RunAsync(request);
        var other = await plan.RunAsync(request with { Plan = new PlanKey("fullscan-timer-20261203T0700Z#1", at.AddHours(1)) });

        Assert.Equal(first.RunId, again.RunId);
        Assert.Equal(first.Shards.Select(s => s.Index), again.Shards.Select(s => s.Index));
        Assert.NotEqual(first.RunId, other.RunId);
        Assert.StartsWith("scan-20261203T060000123Z-", first.RunId, StringComparison.Ordinal);
        Assert.Equal(2, (await harness.Runs.ListRecentAsync(10)).Count);
    }
}
