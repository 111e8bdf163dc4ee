using AiSpm.Core.Findings;
using AiSpm.Core.Graph;

namespace AiSpm.Core.Rules.Paths;

/// <summary>
/// A key exposed in a resource's settings opens an account (which accepts keys) holding a model deployment whose
/// content filtering is missing or weakened (no policy pinned, or a custom policy with filters lowered or off): whoever has the key can have the model produce what the filters stop.
/// </summary>
public sealed class PathExposedKeyToWeakFilteredDeployment : PathRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-4002",
        Name = "Path.ExposedKeyToWeakFilteredDeployment",
        Title = "No exposed AI key reaches a model deployment with missing or weakened content filtering",
        Severity = Severity.Critical,
        Category = RuleCategory.AttackPath,
        ResourceTypes = ["microsoft.cognitiveservices/accounts/deployments"],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "MEASURE 2.6"],
            Iso42001 = ["A.6.2.6"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM01:2025", "LLM02:2025"],
            MitreAtlas = ["AML.T0054", "AML.T0012"],
        },
    };

    private static readonly string[] WeakDeployment = ["AISPM-1101", "AISPM-1106"], WeakPolicy = ["AISPM-1102", "AISPM-1103"];

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> MemberRules { get; } = [.. PathExposedKeyToPublicAccount.ExposedKey, .. PathExposedKeyToPublicAccount.KeyAuth, .. WeakDeployment, .. WeakPolicy];

    /// <inheritdoc />
    public override IReadOnlyCollection<string> Relations { get; } = [EdgeRelations.ConsumesKeyOf, EdgeRelations.Contains, EdgeRelations.FilteredBy];

    /// <inheritdoc />
    protected override IEnumerable<RuleResult> Evaluate(SecurityGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        foreach (var edge in graph.Edges.Where(e => e.Relation == EdgeRelations.ConsumesKeyOf))
        {
            foreach (var contains in graph.Out(edge.To, EdgeRelations.Contains).Where(c => c.To.Contains("/deployments/", StringComparison.OrdinalIgnoreCase)))
            {
                var consumer = new PathHop(edge.From, null, [.. graph.Findings(edge.From, PathExposedKeyToPublicAccount.ExposedKey)]);
                var account = new PathHop(edge.To, edge, [.. graph.Findings(edge.To, PathExposedKeyToPublicAccount.KeyAuth)]);
                var deployment = new PathHop(contains.To, contains, [.. graph.Findings(contains.To, WeakDeployment)]);
                var policy = graph.Out(contains.To, EdgeRelations.FilteredBy).Select(f => new PathHop(f.To, f, [.. graph.Findings(f.To, WeakPolicy)])).FirstOrDefault(h => h.Findings.Count > 0);
                PathHop[] hops = policy is null ? [consumer, account, deployment] : [consumer, account, deployment, policy];
                if (consumer.Findings.Count == 0 || account.Findings.Count == 0)
                {
                    yield return NoPath(contains.To, $"The key in '{NameOf(edge.From)}' {(consumer.Findings.Count == 0 ? "is no longer an open exposure" : $"cannot be used: '{NameOf(edge.To)}' does not accept keys")}.", hops);
                }
                else if (deployment.Findings.Count == 0 && policy is null)
                {
                    yield return NoPath(contains.To, $"'{NameOf(contains.To)}' keeps its content filtering, so the key exposed in '{NameOf(edge.From)}' reaches a filtered model.", hops);
                }
                else
                {
                    yield return Path(contains.To, hops, crossesToData: false,
                        $"The key exposed in '{NameOf(edge.From)}' reaches deployment '{NameOf(contains.To)}', whose content filtering is missing or weakened.");
                }
            }
        }
    }
}
