using AiSpm.Core.Findings;
using AiSpm.Core.Scans;

namespace AiSpm.Core.Tests.Scans;

public sealed class ScanRunTests
{
    private const string Account = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct-1";

    private static ScanRun Run(string? target) => new() { RunId = "r", Trigger = "event", StartedAt = DateTimeOffset.UnixEpoch, TargetResourceId = target };

    [Theory]
    [InlineData(Account, true)]
    [InlineData("/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000001/resourceGroups/RG/providers/Microsoft.CognitiveServices/accounts/ACCT-1", true)]
    [InlineData(Account + "/deployments/gpt-4o", true)]
    [InlineData(Account + "0", false)]
    [InlineData(Account + "-old", false)]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct-2", false)]
    [InlineData("graph:/servicePrincipals/1", false)]
    public void A_targeted_run_covers_its_resource_and_children_only(string resourceId, bool covered)
    {
        Assert.Equal(covered, Run(Account).Covers(resourceId));
        Assert.True(Run(null).Covers(resourceId));
    }

    [Fact]
    public void A_targeted_run_queries_the_open_findings_of_its_scope_and_a_full_run_all_of_them()
    {
        Assert.Equal(new FindingQuery(Scope: "sub-00000000-0000-0000-0000-000000000001", Status: FindingStatus.Open, PageSize: 1000), Run(Account).OpenFindingsQuery());
        Assert.Equal(new FindingQuery(Status: FindingStatus.Open, PageSize: 1000), Run(null).OpenFindingsQuery());
    }
}
