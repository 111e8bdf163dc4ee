using AiSpm.Core.Findings;
using AiSpm.Core.Graph;

namespace AiSpm.Core.Rules.Paths;

/// <summary>
/// A key exposed in a resource's settings belongs to an AI account that accepts keys and is reachable from the
/// internet: anyone who reads the settings (or a leaked copy of them) can call the account from anywhere.
/// </summary>
public sealed class PathExposedKeyToPublicAccount : PathRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-4001",
        Name = "Path.ExposedKeyToPublicAccount",
        Title = "No exposed AI key opens an account that accepts keys from the internet",
        Severity = Severity.Critical,
        Category = RuleCategory.AttackPath,
        ResourceTypes = ["microsoft.cognitiveservices/accounts"],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "MEASURE 2.7"],
            Iso42001 = ["A.6.2.6"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM02:2025", "LLM10:2025"],
            MitreAtlas = ["AML.T0012", "AML.T0055"],
        },
    };

    /// <summary>The member rules: the exposed key, the account's public network access and its key (local) authentication.</summary>
    internal static readonly string[] ExposedKey = ["AISPM-3001"], PublicAccess = ["AISPM-1001"], KeyAuth = ["AISPM-1002"];

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> MemberRules { get; } = [.. ExposedKey, .. PublicAccess, .. KeyAuth];

    /// <inheritdoc />
    public override IReadOnlyCollection<string> Relations { get; } = [EdgeRelations.ConsumesKeyOf];

    /// <inheritdoc />
    protected override IEnumerable<RuleResult> Evaluate(SecurityGraph graph) =>
        ExposedKeyPaths(graph, "/Microsoft.CognitiveServices/accounts/", "account", PublicAccess, KeyAuth,
            edge => $"The key of '{NameOf(edge.To)}' exposed in '{NameOf(edge.From)}' works from anywhere on the internet: the account accepts keys and public traffic.");
}
