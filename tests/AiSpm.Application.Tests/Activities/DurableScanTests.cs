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

/// <summary>
/// The durable scans with AiSpm's real activities, on Azurite and the emulated demo tenant: the orchestration runs
/// in the Durable Task engine in memory, everything it calls is real. It must store what the queue fan-out stores.
/// </summary>
public sealed class DurableScanTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_durable_fan_out_stores_the_same_findings_as_the_queue_fan_out_and_closes_the_run()
    {
        await using var queued = await ScanHarness.StartAsync(azurite);
        var queuedRun = await queued.Coordinator.StartFullScanAsync("test");
        await queued.Worker.DrainAsync();
        var expected = await queued.Findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open)).Select(f => f.Finding.Key.Id).ToListAsync();

        await using var durable = await ScanHarness.StartAsync(azurite);
        var services = durable.Services;
        await using var host = await DurableTaskTestHost.StartAsync(registry => registry.AddAiSpmScan(
            services.GetRequiredService<PlanFullScanActivity>(), services.GetRequiredService<PlanResourceScanActivity>(), services.GetRequiredService<ScanShardActivity>(),
            services.GetRequiredService<CloseScanRunActivity>(), services.GetRequiredService<NotifyRunActivity>()));
        var (instanceId, started) = await FullScanStarter.StartAsync(host.Client, new FullScanRequest("test", DateTimeOffset.UtcNow));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var metadata = await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        var result = metadata.ReadOutputAs<FullScanResult>()!;
        var actual = await durable.Findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open)).Select(f => f.Finding.Key.Id).ToListAsync();
        var run = await durable.Runs.GetAsync(result.RunId);

        Assert.True(started);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Empty(result.Closure.Gaps);
        Assert.True(expected.Count > 50, $"the queue fan-out found only {expected.Count} findings");
        Assert.Equal(expected.Order(), actual.Order());
        Assert.Equal(ScanRunStatus.Completed, run!.Status);
        Assert.Equal(run.ShardsPlanned, run.ShardsCompleted);
        Assert.Equal((await queued.Runs.GetAsync(queuedRun.RunId))!.ShardsPlanned, run.ShardsPlanned);
        Assert.Contains("openBySeverity", run.SummaryJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_durable_resource_scan_after_a_fix_resolves_the_finding()
    {
        const string account = "/subscriptions/6f1c0a00-0000-4000-8000-000000000003/resourceGroups/rg-sandbox/providers/Microsoft.CognitiveServices/accounts/oai-sandbox-playground";
        await using var harness = await ScanHarness.StartAsync(azurite);
        await harness.Coordinator.StartFullScanAsync("test");
        await harness.Worker.DrainAsync();
        var before = await harness.Findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open, RuleId: "AISPM-1001"))
            .SingleAsync(f => string.Equals(f.Finding.Key.ResourceId, account, StringComparison.OrdinalIgnoreCase));
        await new AiSpm.Connectors.Arm.ArmRestClient(harness.Tenant.ConnectArm()).PatchAsync(account, "2024-10-01",
            new { properties = new { publicNetworkAccess = "Disabled", networkAcls = new { defaultAction = "Deny", ipRules = Array.Empty<object>() } } });
        var services = harness.Services;
        await using var host = await DurableTaskTestHost.StartAsync(registry => registry.AddAiSpmScan(
            services.GetRequiredService<PlanFullScanActivity>(), services.GetRequiredService<PlanResourceScanActivity>(), services.GetRequiredService<ScanShardActivity>(),
            services.GetRequiredService<CloseScanRunActivity>(), services.GetRequiredService<NotifyRunActivity>()));

        var (instanceId, outcome) = await ResourceScanStarter.StartOrSignalAsync(host.Client, new ResourceScanRequest(account, "event", "evt-1"), linger: TimeSpan.FromMilliseconds(200));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var metadata = await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        var after = await harness.Findings.GetAsync(before.Finding.Key.Scope, before.Finding.Key.Id);
        var run = await harness.Runs.GetAsync(metadata.ReadOutputAs<ResourceScanResult>()!.RunId);

        Assert.Equal(ResourceScanStarter.Outcome.Started, outcome);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal(FindingStatus.Resolved, after!.Status);
        Assert.Equal(account, run!.TargetResourceId);
        Assert.Equal(ScanRunStatus.Completed, run.Status);
    }

    [Fact]
    public async Task A_shard_of_a_run_that_does_not_exist_is_a_gap_at_once()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);

        var result = await harness.Services.GetRequiredService<ScanShardActivity>().RunAsync(new ScanShard("no-such-run", 0, ScanShardKind.AzureSubscriptions, ["6f1c0a00-0000-4000-8000-000000000001"]));

        Assert.True(result.Failed);
        Assert.Contains("no-such-run", result.Error, StringComparison.Ordinal);
    }
}
