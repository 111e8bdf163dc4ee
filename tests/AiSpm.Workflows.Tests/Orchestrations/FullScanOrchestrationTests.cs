using System.Collections.Concurrent;
using System.Text.Json;
using AiSpm.Core.Scans;
using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace AiSpm.Workflows.Tests.Orchestrations;

/// <summary>
/// The full-scan orchestration on the Durable Task engine in memory, with activities that stand in for the real
/// ones by name: what the orchestrator decides (fan-out, retries, gaps, closing, notifying) is what is tested here.
/// </summary>
public sealed class FullScanOrchestrationTests
{
    private static readonly ShardRetry FastRetry = new(3, TimeSpan.FromMilliseconds(100));
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Activities recording what they were asked; <paramref name="shard"/> decides each shard's fate.</summary>
    private sealed class FakeActivities(int shards, Func<ScanShard, int, Task<ShardResult>> shard)
    {
        public ConcurrentDictionary<int, int> Attempts { get; } = new();

        public ConcurrentQueue<RunClosure> Closures { get; } = new();

        public int Plans;

        public int Notified;

        public bool FailNotify { get; init; }

        public bool FailRotations { get; init; }

        /// <summary>The closing steps in the order they ran.</summary>
        public ConcurrentQueue<string> Closing { get; } = new();

        public void Register(DurableTaskRegistry registry)
        {
            registry.AddOrchestratorFunc<FullScanRequest, FullScanResult>(FullScanOrchestration.Name, (context, request) => FullScanOrchestration.RunAsync(context, request));
            registry.AddActivityFunc<FullScanRequest, ScanPlan>(ActivityNames.PlanFullScan, (_, request) =>
            {
                Interlocked.Increment(ref Plans);
                var runId = "scan-" + request.RequestedAt.ToUnixTimeSeconds();
                return Task.FromResult(new ScanPlan(runId, Enumerable.Range(0, shards).Select(i => new ScanShard(runId, i, ScanShardKind.AzureSubscriptions, [$"{i:D8}-0000-4000-8000-000000000000"])).ToList()));
            });
            registry.AddActivityFunc<ScanShard, ShardResult>(ActivityNames.ScanShard, (_, s) => shard(s, Attempts.AddOrUpdate(s.Index, 1, (_, n) => n + 1)));
            registry.AddActivityFunc<RunClosure, string>(ActivityNames.CloseScanRun, (_, closure) =>
            {
                Closures.Enqueue(closure);
                Closing.Enqueue("close");
                return Task.FromResult("{}");
            });
            registry.AddActivityFunc<string>(ActivityNames.NotifyRun, (_, _) =>
            {
                Interlocked.Increment(ref Notified);
                Closing.Enqueue("notify");
                return FailNotify ? throw new InvalidOperationException("Teams answered 502") : Task.CompletedTask;
            });
            registry.AddActivityFunc<string, string>(ActivityNames.StartRotations, (_, runId) =>
            {
                Closing.Enqueue("rotations");
                return FailRotations ? throw new InvalidOperationException("ARM answered 503") : Task.FromResult($"{runId}: 1 started");
            });
        }
    }

    private static Task<ShardResult> Ran(ScanShard shard) => Task.FromResult(new ShardResult(shard.Index, Findings: 2, Resolved: 0, Assets: 3, Incomplete: false));

    private static async Task<(OrchestrationMetadata Metadata, FullScanResult Result)> RunAsync(FakeActivities activities, FullScanRequest request)
    {
        await using var host = await TestHost.StartAsync(activities.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(FullScanOrchestration.Name, request, new StartOrchestrationOptions(FullScanOrchestration.InstanceIdFor(request)));
        using var cts = new CancellationTokenSource(Timeout);
        var metadata = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return (metadata, metadata.ReadOutputAs<FullScanResult>()!);
    }

    private static FullScanRequest Request(string trigger = "timer") => new(trigger, new DateTimeOffset(2026, 12, 2, 18, 0, 0, TimeSpan.Zero), FastRetry);

    [Fact]
    public async Task Two_hundred_shards_fan_out_and_fan_in_to_one_closure()
    {
        var activities = new FakeActivities(200, (shard, _) => Ran(shard));

        var (metadata, result) = await RunAsync(activities, Request());

        Assert.Equal(200, result.Shards);
        Assert.Equal(400, result.Findings);
        Assert.Equal(Enumerable.Range(0, 200), activities.Attempts.Keys.Order());
        Assert.All(activities.Attempts.Values, attempts => Assert.Equal(1, attempts));
        var closure = Assert.Single(activities.Closures);
        Assert.Equal(200, closure.ShardsCompleted);
        Assert.Empty(closure.Gaps);
        Assert.Equal(1, activities.Notified);
        var progress = JsonSerializer.Deserialize<ScanProgress>(metadata.SerializedCustomStatus!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(new ScanProgress(result.RunId, 200, 200), progress);
    }

    [Fact]
    public async Task A_transient_shard_failure_is_retried_and_leaves_no_gap()
    {
        var activities = new FakeActivities(5, (shard, attempt) => shard.Index == 3 && attempt < 3
            ? throw new InvalidOperationException("Resource Graph answered 503")
            : Ran(shard));

        var (_, result) = await RunAsync(activities, Request());

        Assert.Equal(3, activities.Attempts[3]);
        Assert.Empty(result.Closure.Gaps);
        Assert.Equal(5, result.Closure.ShardsCompleted);
    }

    [Fact]
    public async Task A_shard_that_keeps_failing_becomes_a_coverage_gap_and_the_run_still_closes()
    {
        var activities = new FakeActivities(6, (shard, _) => shard.Index == 4
            ? throw new InvalidOperationException("subscription 4 is gone (404)")
            : Ran(shard));

        var (_, result) = await RunAsync(activities, Request());

        Assert.Equal(FastRetry.MaxAttempts, activities.Attempts[4]);
        var gap = Assert.Single(result.Closure.Gaps);
        Assert.Equal(4, gap.Index);
        Assert.Contains("404", gap.Error, StringComparison.Ordinal);
        Assert.Equal(5, result.Closure.ShardsCompleted);
        Assert.Single(activities.Closures);
        Assert.Equal(1, activities.Notified);
    }

    [Fact]
    public async Task Rotations_start_after_the_run_is_closed_and_notified_and_their_failure_does_not_fail_the_scan()
    {
        var started = new FakeActivities(2, (shard, _) => Ran(shard));
        var failing = new FakeActivities(2, (shard, _) => Ran(shard)) { FailRotations = true };

        var (_, ok) = await RunAsync(started, Request());
        var (metadata, failed) = await RunAsync(failing, Request());

        Assert.Equal(["close", "notify", "rotations"], started.Closing);
        Assert.EndsWith(": 1 started", ok.Rotations, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.StartsWith("failed: ", failed.Rotations, StringComparison.Ordinal);
        Assert.Contains("503", failed.Rotations, StringComparison.Ordinal);
        Assert.Equal(2, failed.Closure.ShardsCompleted);
    }

    [Fact]
    public async Task Incomplete_shards_are_counted_apart_from_gaps()
    {
        var activities = new FakeActivities(3, (shard, _) => Task.FromResult(new ShardResult(shard.Index, 1, 0, 1, Incomplete: shard.Index == 0)));

        var (_, result) = await RunAsync(activities, Request());

        Assert.Equal(3, result.Closure.ShardsCompleted);
        Assert.Equal(1, result.Closure.ShardsIncomplete);
        Assert.Empty(result.Closure.Gaps);
    }

    [Theory]
    [InlineData(-1)] // every shard ran to the end and tallied
    [InlineData(0)] // shard 0 could not read everything
    [InlineData(1)] // shard 1 did not tally
    [InlineData(2)] // shard 2 kept failing
    public async Task The_close_gets_the_shards_tallies_added_up_only_when_every_shard_ran_to_the_end_and_tallied(int spoiled)
    {
        static Core.Findings.FindingTally Tally(int index) => new(
            new Dictionary<Core.Findings.Severity, int> { [Core.Findings.Severity.High] = index + 1, [Core.Findings.Severity.Low] = 2 },
            index == 1 ? new Dictionary<Core.Findings.Severity, int>() : new Dictionary<Core.Findings.Severity, int> { [Core.Findings.Severity.Medium] = 1 });
        var activities = new FakeActivities(3, (shard, _) => shard.Index == spoiled && spoiled == 2
            ? throw new InvalidOperationException("ARM answered 500")
            : Task.FromResult(new ShardResult(shard.Index, 1, 0, 1, Incomplete: shard.Index == spoiled && spoiled == 0, Tally: shard.Index == spoiled && spoiled == 1 ? null : Tally(shard.Index))));

        var (_, result) = await RunAsync(activities, Request());

        var closure = Assert.Single(activities.Closures);
        if (spoiled >= 0)
        {
            Assert.Null(closure.Tally);
            return;
        }

        Assert.NotNull(closure.Tally);
        Assert.Equal(new Dictionary<Core.Findings.Severity, int> { [Core.Findings.Severity.High] = 6, [Core.Findings.Severity.Low] = 6 }, closure.Tally.Open.ToDictionary());
        Assert.Equal(new Dictionary<Core.Findings.Severity, int> { [Core.Findings.Severity.Medium] = 2 }, closure.Tally.Exempted.ToDictionary());
        Assert.Equal(closure.Tally.Open.ToDictionary(), result.Closure.Tally!.Open.ToDictionary());
    }

    [Fact]
    public async Task A_failing_notification_never_fails_the_scan()
    {
        var activities = new FakeActivities(2, (shard, _) => Ran(shard)) { FailNotify = true };

        var (_, result) = await RunAsync(activities, Request());

        Assert.Contains("502", result.NotifyError, StringComparison.Ordinal);
        Assert.Single(activities.Closures);
    }

    [Fact]
    public async Task A_second_start_for_the_same_tick_joins_the_first_instead_of_scanning_again()
    {
        var activities = new FakeActivities(3, async (shard, _) =>
        {
            await Task.Delay(200);
            return await Ran(shard);
        });
        await using var host = await TestHost.StartAsync(activities.Register);
        var request = Request();

        var first = await FullScanStarter.StartAsync(host.Client, request);
        var second = await FullScanStarter.StartAsync(host.Client, request with { RequestedAt = request.RequestedAt.AddSeconds(30) });
        using var cts = new CancellationTokenSource(Timeout);
        var metadata = await host.Client.WaitForInstanceCompletionAsync(first.InstanceId, getInputsAndOutputs: true, cts.Token);
        var afterwards = await FullScanStarter.StartAsync(host.Client, request);

        Assert.True(first.Started);
        Assert.False(second.Started);
        Assert.False(afterwards.Started);
        Assert.Equal(first.InstanceId, second.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal(1, activities.Plans);
        Assert.Single(activities.Closures);
    }

    [Theory]
    [InlineData("timer", "2026-12-02T18:00:00Z", "fullscan-timer-20261202T1800Z")]
    [InlineData("timer (past due)", "2026-12-02T18:00:59+00:00", "fullscan-timerpastdue-20261202T1800Z")]
    [InlineData("../../", "2026-12-02T19:00:00+01:00", "fullscan-scan-20261202T1800Z")]
    public void Instance_ids_are_one_per_trigger_and_minute_and_safe(string trigger, string at, string expected)
    {
        Assert.Equal(expected, FullScanOrchestration.InstanceIdFor(new FullScanRequest(trigger, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture))));
    }
}
