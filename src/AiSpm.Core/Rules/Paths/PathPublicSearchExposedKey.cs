using AiSpm.Core.Findings;
using AiSpm.Core.Graph;

namespace AiSpm.Core.Rules.Paths;

/// <summary>
/// A key of an AI Search service sits in a resource's settings, and the service accepts keys from the internet:
/// whoever reads the settings can query (with an admin key, also change or delete) the indexes grounding the AI.
/// </summary>
public sealed class PathPublicSearchExposedKey : PathRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-4003",
        Name = "Path.PublicSearchExposedKey",
        Title = "No exposed AI Search key opens a search service that accepts keys from the internet",
        Severity = Severity.Critical,
        Category = RuleCategory.AttackPath,
        ResourceTypes = ["microsoft.search/searchservices"],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "MEASURE 2.7"],
            Iso42001 = ["A.6.2.6", "A.7.2"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM02:2025", "LLM08:2025"],
            MitreAtlas = ["AML.T0012"],
        },
    };

    private static readonly string[] PublicAccess = ["AISPM-1301"], KeyAuth = ["AISPM-1303"];

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IEnumerable<RuleResult> Evaluate(SecurityGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        foreach (var edge in graph.Edges.Where(e => e.Relation == EdgeRelations.ConsumesKeyOf && e.To.Contains("/Microsoft.Search/searchServices/", StringComparison.OrdinalIgnoreCase)))
        {
            var consumer = new PathHop(edge.From, null, [.. graph.Findings(edge.From, PathExposedKeyToPublicAccount.ExposedKey)]);
            var search = new PathHop(edge.To, edge, [.. graph.Findings(edge.To, PublicAccess), .. graph.Findings(edge.To, KeyAuth)]);
            PathHop[] hops = [consumer, search];
            if (graph.Node(edge.To) is null)
            {
                yield return Undecided(edge.To, $"The search service '{NameOf(edge.To)}' whose key '{NameOf(edge.From)}' holds was not collected.", hops);
            }
            else if (consumer.Findings.Count == 0 || graph.Finding(edge.To, PublicAccess) is null || graph.Finding(edge.To, KeyAuth) is null)
            {
                yield return NoPath(edge.To, consumer.Findings.Count == 0
                    ? $"The key '{NameOf(edge.From)}' held is no longer an open exposure."
                    : $"'{NameOf(edge.To)}' {(graph.Finding(edge.To, PublicAccess) is null ? "is not reachable from the internet" : "does not accept keys")}, so the key exposed in '{NameOf(edge.From)}' cannot be used from anywhere.", hops);
            }
            else
            {
                yield return Path(edge.To, hops, crossesToData: true,
                    $"The key of search service '{NameOf(edge.To)}' exposed in '{NameOf(edge.From)}' opens its indexes to anyone on the internet.");
            }
        }
    }
}
