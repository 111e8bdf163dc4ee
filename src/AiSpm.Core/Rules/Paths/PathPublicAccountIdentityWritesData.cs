using AiSpm.Core.Findings;
using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.Access;

namespace AiSpm.Core.Rules.Paths;

/// <summary>
/// An AI account reachable from the internet and accepting keys runs as a managed identity that can write storage
/// data or Key Vault secrets: whoever has a key drives features (on-your-data, batch, fine-tuning, agents' tools)
/// that act with that identity on the data behind it.
/// </summary>
public sealed class PathPublicAccountIdentityWritesData : PathRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-4006",
        Name = "Path.PublicAccountIdentityWritesData",
        Title = "No AI account open to the internet with keys runs as an identity that can write storage or Key Vault data",
        Severity = Severity.High,
        Category = RuleCategory.AttackPath,
        ResourceTypes = ["microsoft.cognitiveservices/accounts"],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "MEASURE 2.7"],
            Iso42001 = ["A.6.2.6", "A.7.2"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM06:2025", "LLM02:2025"],
            MitreAtlas = ["AML.T0053", "AML.T0055"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> MemberRules { get; } = [.. PathExposedKeyToPublicAccount.PublicAccess, .. PathExposedKeyToPublicAccount.KeyAuth];

    /// <inheritdoc />
    public override IReadOnlyCollection<string> Relations { get; } = [EdgeRelations.HasIdentity, EdgeRelations.RoleOn];

    /// <inheritdoc />
    protected override IEnumerable<RuleResult> Evaluate(SecurityGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        foreach (var identity in graph.Edges.Where(e => e.Relation == EdgeRelations.HasIdentity && e.From.Contains("/Microsoft.CognitiveServices/accounts/", StringComparison.OrdinalIgnoreCase)
                     && e.From.TrimEnd('/').Split('/').Length == 9))
        {
            var account = new PathHop(identity.From, null, [.. graph.Findings(identity.From, PathExposedKeyToPublicAccount.PublicAccess), .. graph.Findings(identity.From, PathExposedKeyToPublicAccount.KeyAuth)], graph.Node(identity.From)?.Name);
            var principal = new PathHop(identity.To, identity, [], $"identity of {NameOf(identity.From)}");
            var writes = graph.Out(identity.To, EdgeRelations.RoleOn).Where(r => AzureRoles.WritesData(r.Label) && RoleScopes.HoldsData(r.To)).ToList();
            if (writes.Count == 0)
            {
                yield return NoPath(identity.From, $"The identity of '{NameOf(identity.From)}' holds no role that writes storage or Key Vault data.", [account, principal]);
                continue;
            }

            if (graph.Finding(identity.From, PathExposedKeyToPublicAccount.PublicAccess) is null || graph.Finding(identity.From, PathExposedKeyToPublicAccount.KeyAuth) is null)
            {
                yield return NoPath(identity.From, $"'{NameOf(identity.From)}' {(graph.Finding(identity.From, PathExposedKeyToPublicAccount.PublicAccess) is null ? "is not reachable from the internet" : "does not accept keys")}, so nobody outside can drive its identity.", [account, principal]);
                continue;
            }

            foreach (var write in writes)
            {
                yield return Path(identity.From, [account, principal, new PathHop(write.To, write, [], $"{write.Label} on {NameOf(write.To)}")], crossesToData: true,
                    $"Anyone with a key of '{NameOf(identity.From)}', from anywhere, drives an identity that holds {write.Label} on '{NameOf(write.To)}'.");
            }
        }
    }
}
