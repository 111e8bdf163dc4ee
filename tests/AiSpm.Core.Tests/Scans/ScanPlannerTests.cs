using AiSpm.Core.Scans;

namespace AiSpm.Core.Tests.Scans;

public sealed class ScanPlannerTests
{
    private static readonly string[] Subscriptions = ["B0000000-0000-0000-0000-000000000002", "a0000000-0000-0000-0000-000000000001", " c0000000-0000-0000-0000-000000000003", "a0000000-0000-0000-0000-000000000001"];

    [Fact]
    public void A_full_scan_plans_subscription_batches_the_directory_each_environment_and_then_the_access_of_every_subscription()
    {
        var shards = ScanPlanner.PlanFullScan("run", Subscriptions, 2, includeDirectory: true, environments: ["env-b", "env-a"], includeAccess: true);

        Assert.Equal(Enumerable.Range(0, shards.Count), shards.Select(s => s.Index));
        Assert.Equal(
            [ScanShardKind.AzureSubscriptions, ScanShardKind.AzureSubscriptions, ScanShardKind.Directory, ScanShardKind.PowerPlatformEnvironment, ScanShardKind.PowerPlatformEnvironment, ScanShardKind.AzureAccess],
            shards.Select(s => s.Kind));
        var access = shards[^1];
        Assert.Equal(["a0000000-0000-0000-0000-000000000001", "b0000000-0000-0000-0000-000000000002", "c0000000-0000-0000-0000-000000000003"], access.Subscriptions);
        Assert.Equal(access.Subscriptions, shards.Where(s => s.Kind == ScanShardKind.AzureSubscriptions).SelectMany(s => s.Subscriptions));
    }

    [Fact]
    public void No_access_shard_is_planned_unless_asked_or_without_a_subscription()
    {
        Assert.DoesNotContain(ScanPlanner.PlanFullScan("run", Subscriptions, 100, includeDirectory: true), s => s.Kind == ScanShardKind.AzureAccess);
        Assert.Equal([ScanShardKind.Directory], ScanPlanner.PlanFullScan("run", [], 100, includeDirectory: true, includeAccess: true).Select(s => s.Kind));
    }
}
