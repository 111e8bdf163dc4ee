using AiSpm.Core.Assets;
using AiSpm.Core.Findings;
using AiSpm.Core.Graph;

namespace AiSpm.Core.Rules.Paths;

/// <summary>
/// An AI agent (agent identity, blueprint or AI app) holds a Tier-0 permission and is owned by a user: the user can
/// add a credential to it and act as it, so one phished account becomes a path to Global Administrator.
/// </summary>
public sealed class PathUserOwnedTier0AiAgent : PathRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-4005",
        Name = "Path.UserOwnedTier0AiAgent",
        Title = "No user owns an AI agent or AI app that holds a Tier-0 permission",
        Severity = Severity.Critical,
        Category = RuleCategory.AttackPath,
        ResourceTypes = ["graph/agentidentity", "graph/serviceprincipal"],
        Frameworks = new()
        {
            NistAiRmf = ["GOVERN 6.1", "MANAGE 2.2"],
            Iso42001 = ["A.9.2", "A.10.3"],
            EuAiAct = ["Art. 14", "Art. 15"],
            OwaspLlm = ["LLM06:2025"],
            MitreAtlas = ["AML.T0053"],
        },
    };

    private static readonly string[] Tier0 = ["AISPM-2003", "AISPM-2030", "AISPM-2026"];

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> MemberRules { get; } = [.. Tier0];

    /// <inheritdoc />
    public override IReadOnlyCollection<string> Relations { get; } = [EdgeRelations.OwnedBy, EdgeRelations.RegisteredAs];

    /// <inheritdoc />
    protected override IEnumerable<RuleResult> Evaluate(SecurityGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        foreach (var agent in graph.Nodes.Where(n => n.Class is AssetClass.AgentIdentity or AssetClass.AgentBlueprint or AssetClass.AiApp))
        {
            var tier0 = graph.Findings(agent.ResourceId, Tier0).ToList();
            var registrations = graph.Out(agent.ResourceId, EdgeRelations.RegisteredAs).ToList();
            tier0.AddRange(registrations.SelectMany(r => graph.Findings(r.To, Tier0)));
            var owners = graph.Out(agent.ResourceId, EdgeRelations.OwnedBy)
                .Concat(registrations.SelectMany(r => graph.Out(r.To, EdgeRelations.OwnedBy)))
                .Where(o => o.To.StartsWith("graph:/users/", StringComparison.OrdinalIgnoreCase))
                .DistinctBy(o => o.To, StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (tier0.Count == 0)
            {
                yield return NoPath(agent.ResourceId, $"'{agent.Name}' holds no Tier-0 permission.", [new PathHop(agent.ResourceId, null, [])]);
                continue;
            }

            if (owners.Count == 0)
            {
                yield return NoPath(agent.ResourceId, $"'{agent.Name}' holds a Tier-0 permission but no user owns it.", [new PathHop(agent.ResourceId, null, tier0)]);
                continue;
            }

            foreach (var owner in owners)
            {
                var user = owner.Label ?? NameOf(owner.To);
                yield return Path(agent.ResourceId, [new PathHop(owner.To, null, [], user), new PathHop(agent.ResourceId, owner, tier0, agent.Name)], crossesToData: true,
                    $"User {user} owns '{agent.Name}' and can add a credential to it and act as it; it holds a Tier-0 permission.");
            }
        }
    }
}
