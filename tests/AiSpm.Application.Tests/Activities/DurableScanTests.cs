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
}
