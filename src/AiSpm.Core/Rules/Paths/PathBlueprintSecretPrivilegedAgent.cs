using AiSpm.Core.Findings;
using AiSpm.Core.Graph;

namespace AiSpm.Core.Rules.Paths;

/// <summary>
/// An agent identity blueprint carries a client secret, and an agent identity it issues tokens for holds a Tier-0 or
/// Tier-1 permission: one copied secret acts as that agent, with everything it may do.
/// </summary>
public sealed class PathBlueprintSecretPrivilegedAgent : PathRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-4008",
        Name = "Path.BlueprintSecretPrivilegedAgent",
        Title = "No agent blueprint with a client secret issues tokens for an agent identity holding Tier-0 or Tier-1 permissions",
        Severity = Severity.High,
        Category = RuleCategory.AttackPath,
        ResourceTypes = ["graph/agentidentity"],
        Frameworks = new()
        {
            NistAiRmf = ["GOVERN 6.1", "MANAGE 2.2"],
            Iso42001 = ["A.9.2", "A.6.2.6"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM06:2025"],
            MitreAtlas = ["AML.T0053", "AML.T0012"],
        },
    };

    private static readonly string[] BlueprintSecret = ["AISPM-2034"], PrivilegedAgent = ["AISPM-2030", "AISPM-2031"];

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> MemberRules { get; } = [.. BlueprintSecret, .. PrivilegedAgent];

    /// <inheritdoc />
    public override IReadOnlyCollection<string> Relations { get; } = [EdgeRelations.InstanceOf];

    /// <inheritdoc />
    protected override IEnumerable<RuleResult> Evaluate(SecurityGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        foreach (var issued in graph.Edges.Where(e => e.Relation == EdgeRelations.InstanceOf))
        {
            var agentName = graph.Node(issued.From)?.Name ?? NameOf(issued.From);
            var blueprintName = graph.Node(issued.To)?.Name ?? NameOf(issued.To);
            var blueprint = new PathHop(issued.To, null, [.. graph.Findings(issued.To, BlueprintSecret)], blueprintName);
            var agent = new PathHop(issued.From, issued, [.. graph.Findings(issued.From, PrivilegedAgent)], agentName);
            PathHop[] hops = [blueprint, agent];
            if (agent.Findings.Count == 0)
            {
                yield return NoPath(issued.From, $"Agent identity '{agentName}' holds no Tier-0 or Tier-1 permission.", hops);
            }
            else if (blueprint.Findings.Count == 0)
            {
                yield return NoPath(issued.From, $"Blueprint '{blueprintName}' of agent '{agentName}' holds no client secret.", hops);
            }
            else
            {
                yield return Path(issued.From, hops, crossesToData: agent.Findings.Any(f => f.Key.RuleId == "AISPM-2030"),
                    $"A copy of a client secret of blueprint '{blueprintName}' acts as agent identity '{agentName}', which holds {(agent.Findings.Any(f => f.Key.RuleId == "AISPM-2030") ? "a Tier-0" : "a Tier-1")} permission.");
            }
        }
    }
}
