using AiSpm.Connectors.Arm;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Scans;
using AiSpm.Application.Scanning;
using AiSpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Application.Tests.Scanning;

/// <summary>
/// Scans as the product runs them: the FullScan and ResourceScan orchestrations on the Durable Azure Storage backend
/// over Azurite, with AiSpm's activities against the emulated demo tenant.
/// </summary>
public sealed class DurableFanOutTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static Task<List<StoredFinding>> AllAsync(ScanHarness runtime, FindingStatus? status = null) =>
        runtime.Findings.QueryAllAsync(new FindingQuery(Status: status)).ToListAsync().AsTask();

    [Fact]
    public async Task A_full_scan_fans_out_per_subscription_and_records_what_a_one_shot_scan_finds()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);

        var closed = await harness.FullScanAsync();
        var stored = await AllAsync(harness, FindingStatus.Open);
        var oneShot = await new TenantScanner(harness.Tenant.ConnectArm(), graph: harness.Tenant.ConnectGraph(), vaults: harness.Tenant.VaultFor, fingerprintKey: harness.Options.FingerprintKey, powerPlatform: true).ScanAsync("one-shot");

        // Three subscriptions, the directory, the three Power Platform environments with Dataverse (the sandbox refuses
        // AiSpm: a coverage note, not a failed shard), and the Azure access (roles and alerts) of the subscriptions.
        Assert.Equal(8, closed.ShardsPlanned);
        Assert.Equal(8, closed.ShardsCompleted);
        Assert.Equal(ScanRunStatus.Completed, closed.Status);
        var storedIds = stored.Select(f => f.Finding.Key.Id).ToHashSet();
        var oneShotIds = oneShot.Findings.Select(f => f.Key.Id).ToHashSet();
        Assert.True(storedIds.SetEquals(oneShotIds),
            "only one-shot: " + string.Join("; ", oneShot.Findings.Where(f => !storedIds.Contains(f.Key.Id)).Select(f => $"{f.Key.RuleId} {f.Key.ResourceId} {f.Key.SubKey}")) +
            " | only fan-out: " + string.Join("; ", stored.Where(f => !oneShotIds.Contains(f.Finding.Key.Id)).Select(f => $"{f.Finding.Key.RuleId} {f.Finding.Key.ResourceId} {f.Finding.Key.SubKey}")));
        var assets = await harness.Assets.ListAsync().ToListAsync();
        Assert.NotEmpty(assets);
        Assert.Contains("openBySeverity", closed.SummaryJson, StringComparison.Ordinal);
        // The Copilot Studio agents of the environment that answered join the inventory with what they can reach; of
        // the key written into one of them only the count.
        var agents = assets.Where(a => a.Class == AiSpm.Core.Assets.AssetClass.CopilotStudioAgent).ToList();
        Assert.Equal(7, agents.Count);
        Assert.Equal([("Contoso HR", 5), ("Contoso Marketing", 2)], agents.GroupBy(a => a.Location!).Select(g => (g.Key, g.Count())).Order());
        Assert.Contains(agents, a => a.Name == "IT Requests" && a.PropertiesJson!.Contains("\"credentialsFound\":1", StringComparison.Ordinal) && a.PropertiesJson.Contains("\"credentials\":\"maker\"", StringComparison.Ordinal));
        Assert.DoesNotContain(agents, a => a.PropertiesJson!.Contains("sk-proj-", StringComparison.Ordinal));
        // Their edges: the tools' connectors, the custom connector's MCP host, the knowledge and the owners, one partition query per agent.
        var itRequests = agents.Single(a => a.Name == "IT Requests");
        var edges = await harness.Services.GetRequiredService<IEdgeStore>().OutOfAsync(itRequests.ResourceId).ToListAsync();
        Assert.Contains(edges, e => e.Relation == AiSpm.Core.Graph.EdgeRelations.UsesConnector && e.To.EndsWith("/connectors/shared_cr6a1-5fcontosotickets-5f7e21c4a9d03b6f18", StringComparison.Ordinal));
        Assert.Contains(edges, e => e.Relation == AiSpm.Core.Graph.EdgeRelations.CallsEndpoint && e.To == "https://mcp.tickets-contoso.example");
        Assert.Contains(edges, e => e.Relation == AiSpm.Core.Graph.EdgeRelations.OwnedBy && e.Evidence.Contains("disabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_full_scans_summary_adds_up_what_its_shards_left_and_counts_no_scope_it_did_not_scan()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        // An open finding of a subscription the tenant no longer lists: no shard looks at it, so none resolves or tallies it.
        var stale = new Finding
        {
            Key = new FindingKey("AISPM-1001", "/subscriptions/0badc0de-0000-4000-8000-000000000009/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/gone"),
            Severity = Severity.Critical,
            Category = "NetworkExposure",
            Title = "Public network access is enabled",
        };
        await harness.Findings.RecordAsync("scan-before", [stale], DateTimeOffset.UtcNow.AddDays(-1));

        var closed = await harness.FullScanAsync();

        using var summary = System.Text.Json.JsonDocument.Parse(closed.SummaryJson!);
        Dictionary<string, int> Read(string name) => summary.RootElement.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        var stored = await harness.Findings.CountBySeverityAsync(null, [FindingStatus.Open, FindingStatus.Exempted]);
        Dictionary<string, int> Expected(FindingStatus status, Finding? without) => stored[status]
            .Select(c => (c.Key, Count: c.Value - (without is not null && without.Severity == c.Key ? 1 : 0)))
            .Where(c => c.Count > 0).ToDictionary(c => c.Key.ToString(), c => c.Count);
        Assert.Equal(FindingStatus.Open, (await harness.Findings.GetAsync(stale.Key.Scope, stale.Key.Id))!.Status);
        Assert.Equal(Expected(FindingStatus.Open, stale), Read("openBySeverity"));
        Assert.Equal(Expected(FindingStatus.Exempted, null), Read("exemptedBySeverity"));
        Assert.True(Read("openBySeverity").Values.Sum() > 10, "the demo tenant's findings are counted");
    }

    [Fact]
    public async Task A_shard_run_twice_changes_nothing()
    {
        // Activities run at least once: a worker that dies after a shard's writes and before the engine records the
        // result runs that shard again.
        await using var harness = await ScanHarness.StartAsync(azurite);
        var run = await harness.FullScanAsync();
        var before = await AllAsync(harness);

        var shard = ScanPlanner.PlanFullScan(run.RunId, ["6f1c0a00-0000-4000-8000-000000000001", "6f1c0a00-0000-4000-8000-000000000002", "6f1c0a00-0000-4000-8000-000000000003"], 1)[1];
        await harness.Coordinator.ScanShardAsync(shard);
        var after = await AllAsync(harness);

        Assert.Equal(before.Select(f => (f.Finding.Key.Id, f.Status, f.FirstSeen, f.LastScanId)).Order(), after.Select(f => (f.Finding.Key.Id, f.Status, f.FirstSeen, f.LastScanId)).Order());
    }

    [Fact]
    public async Task A_fixed_resource_is_resolved_by_the_targeted_rescan_and_nothing_else_moves()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        await harness.FullScanAsync();
        var open = await AllAsync(harness, FindingStatus.Open);
        var target = open.First(f => f.Finding.Key.RuleId == "AISPM-1001" && f.Finding.Key.ResourceId.EndsWith("/oai-sandbox-playground", StringComparison.Ordinal));

        await new ArmRestClient(harness.Tenant.ConnectArm()).PatchAsync(target.Finding.Key.ResourceId, "2024-10-01",
            new { properties = new { publicNetworkAccess = "Disabled", networkAcls = new { defaultAction = "Deny" } } });
        var closed = await harness.ResourceScanAsync(target.Finding.Key.ResourceId);
        var after = await AllAsync(harness);

        Assert.Equal(1, closed.ShardsPlanned);
        Assert.Equal(FindingStatus.Resolved, after.Single(f => f.Finding.Key.Id == target.Finding.Key.Id).Status);
        Assert.Equal(open.Count - 1, after.Count(f => f.Status == FindingStatus.Open));
        Assert.Equal(ScanRunStatus.Completed, closed.Status);
        Assert.Equal(target.Finding.Key.ResourceId, closed.TargetResourceId);
        using var summary = System.Text.Json.JsonDocument.Parse(closed.SummaryJson!);
        var counted = summary.RootElement.GetProperty("openBySeverity").EnumerateObject().Sum(p => p.Value.GetInt32());
        var stillOpenOnTarget = after.Count(f => f.Status == FindingStatus.Open && closed.Covers(f.Finding.Key.ResourceId));
        Assert.Equal(stillOpenOnTarget, counted);
        Assert.True(counted < open.Count - 1, "a targeted run's summary counts its resource only");
    }

    [Fact]
    public async Task Starting_the_same_tick_twice_runs_one_scan_and_the_status_reads_from_the_orchestration()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var launcher = await harness.LauncherAsync();
        var tick = new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);

        var first = await launcher.StartFullScanAsync("timer", tick);
        var second = await launcher.StartFullScanAsync("timer", tick.AddSeconds(20));
        var run = await (await harness.EngineAsync()).WaitForRunAsync(first.Id);
        var state = await launcher.DescribeAsync(first.Id);

        Assert.True(first.Started);
        Assert.False(second.Started);
        Assert.Equal(first.Id, second.Id);
        Assert.Single(await harness.Runs.ListRecentAsync(10));
        Assert.Equal("Completed", state!.RuntimeStatus);
        Assert.Equal(run.RunId, state.RunId);
        Assert.Equal(state.ShardsTotal, state.ShardsDone);
        Assert.Null(await launcher.DescribeAsync("fullscan-timer-nope"));
    }

    [Fact]
    public async Task A_cloud_event_on_the_resource_events_queue_rescans_its_resource()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        await harness.FullScanAsync();
        const string account = "/subscriptions/6f1c0a00-0000-4000-8000-000000000003/resourceGroups/rg-sandbox/providers/Microsoft.CognitiveServices/accounts/oai-sandbox-playground";
        await new ArmRestClient(harness.Tenant.ConnectArm()).PatchAsync(account, "2024-10-01", new { properties = new { disableLocalAuth = true } });
        // As Event Grid's storage-queue delivery writes an event published in the CloudEvents 1.0 schema.
        var message = System.Text.Json.JsonSerializer.Serialize(new
        {
            specversion = "1.0",
            type = "Microsoft.Resources.ResourceWriteSuccess",
            source = "/subscriptions/6f1c0a00-0000-4000-8000-000000000003",
            id = Guid.NewGuid().ToString(),
            time = DateTimeOffset.UtcNow,
            subject = account,
            data = new { resourceUri = account, operationName = "Microsoft.CognitiveServices/accounts/write", status = "Succeeded", claims = new { appid = "portal-user-app" } },
        });

        var lines = await harness.FunctionApp(new AiSpm.Application.Events.ResourceChangeFilter(["aispm-self-app-id"])).ResourceChangedAsync(message, await harness.LauncherAsync(), CancellationToken.None);
        await harness.WaitIdleAsync();
        var localAuth = await harness.Findings.QueryAsync(new FindingQuery(RuleId: "AISPM-1002", PageSize: 1000));

        Assert.Contains("re-scan resourcescan-", Assert.Single(lines), StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Resolved, localAuth.Findings.Single(f => f.Finding.Key.ResourceId == account).Status);
        Assert.Equal(2, (await harness.Runs.ListRecentAsync(10)).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"specversion\":\"1.0\"}")]
    [InlineData("[{\"id\":1}]")]
    public async Task A_malformed_queue_message_is_acknowledged_with_its_reason_and_starts_nothing(string message)
    {
        await using var harness = await ScanHarness.StartAsync(azurite);

        var lines = await harness.FunctionApp(new AiSpm.Application.Events.ResourceChangeFilter()).ResourceChangedAsync(message, await harness.LauncherAsync(), CancellationToken.None);

        Assert.StartsWith("Ignored a malformed event: ", Assert.Single(lines), StringComparison.Ordinal);
        Assert.Empty(await harness.Runs.ListRecentAsync(10));
    }

    [Fact]
    public async Task Two_overlapping_scans_of_one_resource_would_resolve_a_finding_both_saw()
    {
        // The race the queue fan-out allowed: two event scans of one still-failing resource run at once; the later
        // writer records the finding under its run, then the other resolves "what it did not see" — the finding.
        await using var harness = await ScanHarness.StartAsync(azurite);
        await harness.FullScanAsync();
        var target = (await AllAsync(harness, FindingStatus.Open)).First(f => f.Finding.Key.RuleId == "AISPM-1001" && f.Finding.Key.ResourceId.EndsWith("/oai-sandbox-playground", StringComparison.Ordinal));
        var now = DateTimeOffset.UtcNow;

        await harness.Findings.RecordAsync("event-b", [target.Finding], now);
        await harness.Findings.RecordAsync("event-a", [target.Finding], now);
        await harness.Findings.ResolveUnseenAsync(target.Finding.Key.Scope, "event-b", now, target.Finding.Key.ResourceId);

        Assert.Equal(FindingStatus.Resolved, (await harness.Findings.GetAsync(target.Finding.Key.Scope, target.Finding.Key.Id))!.Status);
    }

    [Fact]
    public async Task Simultaneous_events_for_one_resource_never_overlap_its_scans_and_a_still_failing_finding_stays_open()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        await harness.FullScanAsync();
        var target = (await AllAsync(harness, FindingStatus.Open)).First(f => f.Finding.Key.RuleId == "AISPM-1001" && f.Finding.Key.ResourceId.EndsWith("/oai-sandbox-playground", StringComparison.Ordinal));
        var launcher = await harness.LauncherAsync();

        // As the queue trigger delivers a burst: several messages for the resource handled at once.
        var starts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => launcher.StartResourceScanAsync(target.Finding.Key.ResourceId, "event", $"evt-{i}")));
        await harness.WaitIdleAsync();
        var eventRuns = (await harness.Runs.ListRecentAsync(20)).Where(r => r.TargetResourceId is not null).OrderBy(r => r.StartedAt).ToList();

        Assert.Single(starts.Select(s => s.Id).Distinct());
        Assert.Single(starts, s => s.Started); // the others joined it, however the four calls interleaved
        Assert.InRange(eventRuns.Count, 1, 2); // the first pass, and one more for every change that came while it ran
        Assert.All(eventRuns.Zip(eventRuns.Skip(1)), pair => Assert.True(pair.Second.StartedAt >= pair.First.CompletedAt, "two scans of one resource overlapped"));
        Assert.Equal(FindingStatus.Open, (await harness.Findings.GetAsync(target.Finding.Key.Scope, target.Finding.Key.Id))!.Status);
    }

    [Fact]
    public async Task A_later_full_scan_agrees_with_the_targeted_rescan_once_resource_graph_has_the_change()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        await harness.FullScanAsync();
        const string account = "/subscriptions/6f1c0a00-0000-4000-8000-000000000003/resourceGroups/rg-sandbox/providers/Microsoft.CognitiveServices/accounts/oai-sandbox-playground";
        await new ArmRestClient(harness.Tenant.ConnectArm()).PatchAsync(account, "2024-10-01", new { properties = new { disableLocalAuth = true } });

        await harness.FullScanAsync();
        var localAuth = await harness.Findings.QueryAsync(new FindingQuery(RuleId: "AISPM-1002", PageSize: 1000));

        Assert.Equal(FindingStatus.Resolved, localAuth.Findings.Single(f => f.Finding.Key.ResourceId == account).Status);
        Assert.Contains(localAuth.Findings, f => f.Status == FindingStatus.Open);
    }

    [Fact]
    public async Task No_planted_secret_reaches_any_table_queue_or_orchestration_history()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        await harness.FullScanAsync();

        var secrets = await PlantedSecrets.InDemoTenantAsync();
        var stored = await harness.StoredTextAsync();

        Assert.True(secrets.Count >= 5, $"The demo tenant should plant several fake keys; found {secrets.Count}.");
        Assert.Contains("AISPM-3001", stored, StringComparison.Ordinal);
        Assert.Contains("ScanShard", stored, StringComparison.Ordinal);
        Assert.All(secrets, secret => Assert.DoesNotContain(PlantedSecrets.Core(secret), stored, StringComparison.Ordinal));
    }
}
