using AiSpm.Connectors.Arm;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Scans;
using AiSpm.Application.Scanning;
using AiSpm.Testing;

namespace AiSpm.Application.Tests.Scanning;

public sealed class ScanFanOutTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static Task<List<StoredFinding>> AllAsync(ScanHarness runtime, FindingStatus? status = null) =>
        runtime.Findings.QueryAllAsync(new FindingQuery(Status: status)).ToListAsync().AsTask();

    [Fact]
    public async Task A_full_scan_fans_out_per_subscription_and_records_what_a_one_shot_scan_finds()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var runtime = harness;

        var run = await runtime.Coordinator.StartFullScanAsync("test");
        var processed = await runtime.Worker.DrainAsync();
        var closed = await runtime.Runs.GetAsync(run.RunId);
        var stored = await AllAsync(runtime, FindingStatus.Open);
        var oneShot = await new TenantScanner(harness.Tenant.ConnectArm(), graph: harness.Tenant.ConnectGraph(), vaults: harness.Tenant.VaultFor).ScanAsync("one-shot");

        Assert.Equal(4, run.ShardsPlanned);
        Assert.Equal(4, processed);
        Assert.Equal(ScanRunStatus.Completed, closed!.Status);
        var storedIds = stored.Select(f => f.Finding.Key.Id).ToHashSet();
        var oneShotIds = oneShot.Findings.Select(f => f.Key.Id).ToHashSet();
        Assert.True(storedIds.SetEquals(oneShotIds),
            "only one-shot: " + string.Join("; ", oneShot.Findings.Where(f => !storedIds.Contains(f.Key.Id)).Select(f => $"{f.Key.RuleId} {f.Key.ResourceId} {f.Key.SubKey}")) +
            " | only fan-out: " + string.Join("; ", stored.Where(f => !oneShotIds.Contains(f.Finding.Key.Id)).Select(f => $"{f.Finding.Key.RuleId} {f.Finding.Key.ResourceId} {f.Finding.Key.SubKey}")));
        Assert.NotEmpty(await runtime.Assets.ListAsync().ToListAsync());
        Assert.Contains("openBySeverity", closed.SummaryJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivered_shard_changes_nothing_and_is_not_counted_twice()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var runtime = harness;
        var run = await runtime.Coordinator.StartFullScanAsync("test");
        await runtime.Worker.DrainAsync();
        var before = await AllAsync(runtime);

        var shard = ScanPlanner.PlanFullScan(run.RunId, ["6f1c0a00-0000-4000-8000-000000000001", "6f1c0a00-0000-4000-8000-000000000002", "6f1c0a00-0000-4000-8000-000000000003"], 1)[1];
        await runtime.Coordinator.EnqueueAsync(shard);
        await runtime.Worker.DrainAsync();
        var after = await AllAsync(runtime);
        var again = await runtime.Runs.GetAsync(run.RunId);

        Assert.Equal(4, again!.ShardsCompleted);
        Assert.Equal(before.Select(f => (f.Finding.Key.Id, f.Status, f.FirstSeen, f.LastScanId)).Order(), after.Select(f => (f.Finding.Key.Id, f.Status, f.FirstSeen, f.LastScanId)).Order());
    }

    [Fact]
    public async Task A_fixed_resource_is_resolved_by_the_targeted_rescan_and_nothing_else_moves()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var runtime = harness;
        await runtime.Coordinator.StartFullScanAsync("test");
        await runtime.Worker.DrainAsync();
        var open = await AllAsync(runtime, FindingStatus.Open);
        var target = open.First(f => f.Finding.Key.RuleId == "AISPM-1001" && f.Finding.Key.ResourceId.EndsWith("/oai-sandbox-playground", StringComparison.Ordinal));

        await new ArmRestClient(harness.Tenant.ConnectArm()).PatchAsync(target.Finding.Key.ResourceId, "2024-10-01",
            new { properties = new { publicNetworkAccess = "Disabled", networkAcls = new { defaultAction = "Deny" } } });
        var eventRun = await runtime.Coordinator.StartResourceScanAsync("event", target.Finding.Key.ResourceId);
        await runtime.Worker.DrainAsync();
        var after = await AllAsync(runtime);

        Assert.Equal(1, eventRun.ShardsPlanned);
        Assert.Equal(FindingStatus.Resolved, after.Single(f => f.Finding.Key.Id == target.Finding.Key.Id).Status);
        Assert.Equal(open.Count - 1, after.Count(f => f.Status == FindingStatus.Open));
        var closed = (await runtime.Runs.GetAsync(eventRun.RunId))!;
        Assert.Equal(ScanRunStatus.Completed, closed.Status);
        Assert.Equal(target.Finding.Key.ResourceId, closed.TargetResourceId);
        using var summary = System.Text.Json.JsonDocument.Parse(closed.SummaryJson!);
        var counted = summary.RootElement.GetProperty("openBySeverity").EnumerateObject().Sum(p => p.Value.GetInt32());
        var stillOpenOnTarget = after.Count(f => f.Status == FindingStatus.Open && closed.Covers(f.Finding.Key.ResourceId));
        Assert.Equal(stillOpenOnTarget, counted);
        Assert.True(counted < open.Count - 1, "a targeted run's summary counts its resource only");
    }

    [Fact]
    public async Task An_idle_poller_is_woken_by_the_shards_its_own_process_queues()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var runtime = harness;
        using var stop = new CancellationTokenSource();
        var completed = new TaskCompletionSource<ShardOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        runtime.Worker.ShardProcessed += outcome => completed.TrySetResult(outcome);
        var poller = Task.Run(() => runtime.Worker.RunAsync(1, Timeout.InfiniteTimeSpan, stop.Token));
        await Task.Delay(500);

        var run = await runtime.Coordinator.StartResourceScanAsync("event", "/subscriptions/6f1c0a00-0000-4000-8000-000000000003/resourceGroups/rg-sandbox/providers/Microsoft.CognitiveServices/accounts/oai-sandbox-playground");
        var first = await completed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await poller;

        Assert.Equal(run.RunId, first.Shard.RunId);
    }

    [Fact]
    public async Task A_malformed_message_goes_to_the_poison_queue_with_its_reason()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var runtime = harness;

        await runtime.ShardQueue.SendMessageAsync("{\"runId\":\"x\",\"index\":-4}");
        await runtime.Worker.DrainAsync();
        var poisoned = (await runtime.PoisonQueue.PeekMessagesAsync(32)).Value;

        var message = Assert.Single(poisoned);
        Assert.Contains("index", message.Body.ToString(), StringComparison.Ordinal);
        Assert.Contains("malformed shard message", message.Body.ToString(), StringComparison.Ordinal);
        Assert.Contains("-4", message.Body.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await runtime.ShardQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_shard_of_an_unknown_run_fails_until_it_is_poisoned()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var runtime = harness;
        var options = runtime.Options;
        options.VisibilityTimeout = TimeSpan.FromSeconds(1);

        await runtime.Coordinator.EnqueueAsync(new ScanShard("no-such-run", 0, ScanShardKind.AzureSubscriptions, ["6f1c0a00-0000-4000-8000-000000000001"]));
        await runtime.Worker.DrainAsync();
        var poisoned = (await runtime.PoisonQueue.PeekMessagesAsync(32)).Value;

        var message = Assert.Single(poisoned);
        Assert.Contains("no-such-run", message.Body.ToString(), StringComparison.Ordinal);
        Assert.Contains("does not exist", message.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_full_scan_agrees_with_the_targeted_rescan_once_resource_graph_has_the_change()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var runtime = harness;
        await runtime.Coordinator.StartFullScanAsync("test");
        await runtime.Worker.DrainAsync();
        const string account = "/subscriptions/6f1c0a00-0000-4000-8000-000000000003/resourceGroups/rg-sandbox/providers/Microsoft.CognitiveServices/accounts/oai-sandbox-playground";
        await new ArmRestClient(harness.Tenant.ConnectArm()).PatchAsync(account, "2024-10-01", new { properties = new { disableLocalAuth = true } });

        await runtime.Coordinator.StartFullScanAsync("test");
        await runtime.Worker.DrainAsync();
        var localAuth = await runtime.Findings.QueryAsync(new FindingQuery(RuleId: "AISPM-1002", PageSize: 1000));

        Assert.Equal(FindingStatus.Resolved, localAuth.Findings.Single(f => f.Finding.Key.ResourceId == account).Status);
        Assert.Contains(localAuth.Findings, f => f.Status == FindingStatus.Open);
    }

    [Fact]
    public async Task No_planted_secret_reaches_any_table_or_queue()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var runtime = harness;
        await runtime.Coordinator.StartFullScanAsync("test");
        await runtime.Worker.DrainAsync();

        var secrets = await PlantedSecrets.InDemoTenantAsync();

        var stored = await harness.StoredTextAsync();

        Assert.True(secrets.Count >= 5, $"The demo tenant should plant several fake keys; found {secrets.Count}.");
        Assert.Contains("AISPM-3001", stored, StringComparison.Ordinal);
        Assert.All(secrets, secret => Assert.DoesNotContain(PlantedSecrets.Core(secret), stored, StringComparison.Ordinal));
    }
}
