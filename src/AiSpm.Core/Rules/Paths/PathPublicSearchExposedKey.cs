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
    public override IReadOnlyCollection<string> MemberRules { get; } = [.. PathExposedKeyToPublicAccount.ExposedKey, .. PublicAccess, .. KeyAuth];

    /// <inheritdoc />
    public override IReadOnlyCollection<string> Relations { get; } = [EdgeRelations.ConsumesKeyOf];

    /// <inheritdoc />
    protected override IEnumerable<RuleResult> Evaluate(SecurityGraph graph) =>
        ExposedKeyPaths(graph, "/Microsoft.Search/searchServices/", "search service", PublicAccess, KeyAuth,
            edge => $"The key of search service '{NameOf(edge.To)}' exposed in '{NameOf(edge.From)}' opens its indexes to anyone on the internet.");
}
