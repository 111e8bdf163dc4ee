using AiSpm.Core.Findings;
using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.Access;

namespace AiSpm.Core.Rules.Paths;

/// <summary>
/// A Machine Learning workspace reachable from the internet runs (itself, or a compute or endpoint in it) as an
/// identity holding Owner, Contributor or a role-assigning role on a subscription or resource group: code run in the
/// workspace controls everything in that scope.
/// </summary>
public sealed class PathPublicMlWorkspacePrivilegedIdentity : PathRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-4007",
        Name = "Path.PublicMlWorkspacePrivilegedIdentity",
        Title = "No ML workspace open to the internet runs code as an identity that controls a subscription or resource group",
        Severity = Severity.High,
        Category = RuleCategory.AttackPath,
        ResourceTypes = ["microsoft.machinelearningservices/workspaces"],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "GOVERN 6.1"],
            Iso42001 = ["A.6.2.6", "A.9.2"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM06:2025", "LLM03:2025"],
            MitreAtlas = ["AML.T0053"],
        },
    };

    private static readonly string[] PublicWorkspace = ["AISPM-1201"];

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> MemberRules { get; } = [.. PublicWorkspace];

    /// <inheritdoc />
    public override IReadOnlyCollection<string> Relations { get; } = [EdgeRelations.Contains, EdgeRelations.HasIdentity, EdgeRelations.RoleOn];

    /// <inheritdoc />
    protected override IEnumerable<RuleResult> Evaluate(SecurityGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        foreach (var workspace in graph.Nodes.Where(n => string.Equals(n.Type, "microsoft.machinelearningservices/workspaces", StringComparison.OrdinalIgnoreCase)))
        {
            var hop = new PathHop(workspace.ResourceId, null, [.. graph.Findings(workspace.ResourceId, PublicWorkspace)], workspace.Name);
            // The workspace's own identity, and those of what it contains (computes, online endpoints).
            var runners = graph.Out(workspace.ResourceId, EdgeRelations.HasIdentity).Select(i => (Via: (GraphEdge?)null, Identity: i))
                .Concat(graph.Out(workspace.ResourceId, EdgeRelations.Contains).SelectMany(c => graph.Out(c.To, EdgeRelations.HasIdentity).Select(i => (Via: (GraphEdge?)c, Identity: i))))
                .ToList();
            var privileged = runners.SelectMany(r => graph.Out(r.Identity.To, EdgeRelations.RoleOn).Where(role => AzureRoles.IsPrivileged(role.Label) && RoleScopes.IsContainer(role.To)).Select(role => (r.Via, r.Identity, Role: role))).ToList();
            if (privileged.Count == 0)
            {
                yield return NoPath(workspace.ResourceId, $"No identity of '{workspace.Name}' or its computes holds Owner, Contributor or a role-assigning role on a subscription or resource group.", [hop]);
                continue;
            }

            if (hop.Findings.Count == 0)
            {
                yield return NoPath(workspace.ResourceId, $"'{workspace.Name}' is not reachable from the internet.", [hop]);
                continue;
            }

            foreach (var (via, identity, role) in privileged)
            {
                List<PathHop> hops = [hop];
                if (via is not null)
                {
                    hops.Add(new PathHop(via.To, via, [], graph.Node(via.To)?.Name));
                }

                hops.Add(new PathHop(identity.To, identity, [], $"identity of {NameOf(identity.From)}"));
                hops.Add(new PathHop(role.To, role, [], $"{role.Label} on {role.To}"));
                yield return Path(workspace.ResourceId, hops, crossesToData: true,
                    $"Code run in '{workspace.Name}', open to the internet, acts as an identity holding {role.Label} on {role.To}.");
            }
        }
    }
}
