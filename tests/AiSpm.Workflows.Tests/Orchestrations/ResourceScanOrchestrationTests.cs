using AiSpm.Core.Scans;
using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace AiSpm.Workflows.Tests.Orchestrations;

/// <summary>Scans of one resource are serialised: changes during a pass are coalesced into one more pass, never a concurrent scan.</summary>
public sealed class ResourceScanOrchestrationTests
{
    private const string Account = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/oai";
    private static readonly ShardRetry FastRetry = new(2, TimeSpan.FromMilliseconds(100));
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(300);

    private sealed class FakeActivities(TimeSpan shardTime)
    {
        private int _running;

        public int Plans;

        public int MaxConcurrentShards;

        public readonly List<string> Closed = [];

        public void Register(DurableTaskRegistry registry)
        {
            registry.AddOrchestratorFunc<ResourceScanState, ResourceScanResult>(ResourceScanOrchestration.Name, (context, state) => ResourceScanOrchestration.RunAsync(context, state));
            registry.AddActivityFunc<ResourceScanRequest, ScanPlan>(ActivityNames.PlanResourceScan, (_, request) =>
            {
                var runId = "event-" + Interlocked.Increment(ref Plans);
                return Task.FromResult(new ScanPlan(runId, [new ScanShard(runId, 0, ScanShardKind.AzureResource, [], request.ResourceId)]));
            });
            registry.AddActivityFunc<ScanShard, ShardResult>(ActivityNames.ScanShard, async (_, shard) =>
            {
                var now = Interlocked.Increment(ref _running);
                lock (Closed)
                {
                    MaxConcurrentShards = Math.Max(MaxConcurrentShards, now);
                }

                await Task.Delay(shardTime);
                Interlocked.Decrement(ref _running);
                return new ShardResult(shard.Index, 1, 0, 1, Incomplete: false);
            });
            registry.AddActivityFunc<RunClosure, string>(ActivityNames.CloseScanRun, (_, closure) =>
            {
                lock (Closed)
                {
                    Closed.Add(closure.RunId);
                }

                return Task.FromResult("{}");
            });
            registry.AddActivityFunc<string>(ActivityNames.NotifyRun, (_, _) => Task.CompletedTask);
            registry.AddActivityFunc<string, string>(ActivityNames.StartRotations, (_, runId) => Task.FromResult(runId));
        }
    }

    private static async Task<OrchestrationMetadata> CompletionAsync(DurableTaskClient client, string id)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var metadata = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return metadata;
    }

    [Fact]
    public async Task One_change_is_one_pass()
    {
        var activities = new FakeActivities(TimeSpan.FromMilliseconds(50));
        await using var host = await TestHost.StartAsync(activities.Register);

        var (id, outcome) = await ResourceScanStarter.StartOrSignalAsync(host.Client, new ResourceScanRequest(Account, "event", "e1"), FastRetry, Linger);
        var result = (await CompletionAsync(host.Client, id)).ReadOutputAs<ResourceScanResult>()!;

        Assert.Equal(ResourceScanStarter.Outcome.Started, outcome);
        Assert.Equal(1, result.Passes);
        Assert.Equal(1, activities.Plans);
        Assert.Equal(["event-1"], activities.Closed);
    }

    [Fact]
    public async Task Changes_during_a_pass_are_coalesced_into_one_more_pass_and_never_overlap_it()
    {
        var activities = new FakeActivities(TimeSpan.FromMilliseconds(800));
        await using var host = await TestHost.StartAsync(activities.Register);

        var (id, first) = await ResourceScanStarter.StartOrSignalAsync(host.Client, new ResourceScanRequest(Account, "event", "e1"), FastRetry, Linger);
        await host.Client.WaitForInstanceStartAsync(id);
        var outcomes = new List<ResourceScanStarter.Outcome>();
        foreach (var eventId in new[] { "e2", "e3", "e4" })
        {
            outcomes.Add((await ResourceScanStarter.StartOrSignalAsync(host.Client, new ResourceScanRequest(Account.ToUpperInvariant(), "event", eventId), FastRetry, Linger)).Outcome);
        }

        var result = (await CompletionAsync(host.Client, id)).ReadOutputAs<ResourceScanResult>()!;

        Assert.Equal(ResourceScanStarter.Outcome.Started, first);
        Assert.All(outcomes, o => Assert.Equal(ResourceScanStarter.Outcome.Signalled, o));
        Assert.Equal(2, result.Passes);
        Assert.Equal(2, activities.Plans);
        Assert.Equal(1, activities.MaxConcurrentShards);
        Assert.Equal(["event-1", "event-2"], activities.Closed);
    }

    [Fact]
    public async Task A_change_after_the_scan_finished_starts_a_new_one()
    {
        var activities = new FakeActivities(TimeSpan.FromMilliseconds(50));
        await using var host = await TestHost.StartAsync(activities.Register);
        var (id, _) = await ResourceScanStarter.StartOrSignalAsync(host.Client, new ResourceScanRequest(Account, "event", "e1"), FastRetry, Linger);
        await CompletionAsync(host.Client, id);

        var (again, outcome) = await ResourceScanStarter.StartOrSignalAsync(host.Client, new ResourceScanRequest(Account, "event", "e2"), FastRetry, Linger);
        await CompletionAsync(host.Client, again);

        Assert.Equal(id, again);
        Assert.Equal(ResourceScanStarter.Outcome.Started, outcome);
        Assert.Equal(2, activities.Plans);
    }

    [Fact]
    public void Instance_ids_are_per_resource_case_insensitive_and_safe()
    {
        var id = ResourceScanOrchestration.InstanceIdFor(Account);

        Assert.Equal(id, ResourceScanOrchestration.InstanceIdFor(Account.ToUpperInvariant()));
        Assert.NotEqual(id, ResourceScanOrchestration.InstanceIdFor(Account + "2"));
        Assert.Matches("^resourcescan-[0-9a-f]{32}$", id);
    }
}
