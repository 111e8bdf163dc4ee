using AiSpm.Core.Graph;

namespace AiSpm.Core.Tests.Graph;

public sealed class EdgeSetDigestTests
{
    private static readonly GraphEdge Reader = new("graph:/servicePrincipals/a", EdgeRelations.RoleOn, "/subscriptions/S1", "Reader", "assignment 1");
    private static readonly GraphEdge Owner = new("graph:/servicePrincipals/b", EdgeRelations.RoleOn, "/subscriptions/s1/resourceGroups/g", "Owner", "assignment 2");

    [Fact]
    public void The_same_edges_in_any_order_with_ends_in_any_case_and_repeated_have_one_digest()
    {
        var digest = EdgeSetDigest.Of([Reader, Owner]);

        Assert.Equal(digest, EdgeSetDigest.Of([Owner, Reader, Reader]));
        Assert.Equal(digest, EdgeSetDigest.Of([Owner, Reader with { To = "/SUBSCRIPTIONS/s1" }]));
        Assert.Matches("^[0-9a-f]{64}$", digest);
    }

    [Fact]
    public void An_edge_more_or_less_another_label_or_other_evidence_changes_the_digest()
    {
        var digest = EdgeSetDigest.Of([Reader, Owner]);

        Assert.NotEqual(digest, EdgeSetDigest.Of([Reader]));
        Assert.NotEqual(digest, EdgeSetDigest.Of([Reader, Owner, Owner with { Label = "Contributor" }]));
        Assert.NotEqual(digest, EdgeSetDigest.Of([Reader, Owner with { Evidence = "assignment 3" }]));
        Assert.NotEqual(EdgeSetDigest.Of([]), digest);
    }
}
