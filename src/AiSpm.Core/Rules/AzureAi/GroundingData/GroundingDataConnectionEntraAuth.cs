using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.GroundingData;

/// <summary>Foundry and Machine Learning connections to data and services authenticate with Microsoft Entra ID, not stored keys.</summary>
public sealed class GroundingDataConnectionEntraAuth : AiResourceRule
{
    /// <summary>Connection auth types that store a shared secret with the connection.</summary>
    private static readonly HashSet<string> StoredSecrets = new(StringComparer.OrdinalIgnoreCase)
    {
        "ApiKey", "AccountKey", "SAS", "CustomKeys", "UsernamePassword", "PAT", "AccessKey", "OAuth2",
    };

    /// <summary>Connection auth types that use a Microsoft Entra identity.</summary>
    private static readonly HashSet<string> Entra = new(StringComparer.OrdinalIgnoreCase)
    {
        "AAD", "ManagedIdentity", "ServicePrincipal", "UserEntraToken", "AgenticIdentityToken", "ProjectManagedIdentity",
    };

    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1501",
        Name = "GroundingData.Connection.EntraAuth",
        Title = "Foundry and Machine Learning connections authenticate with Microsoft Entra ID, not stored keys",
        Severity = Severity.Medium,
        Category = RuleCategory.Authentication,
        ResourceTypes = [AiResourceTypes.CognitiveServicesConnection, AiResourceTypes.FoundryProjectConnection, AiResourceTypes.MachineLearningConnection],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "MAP 4.1"],
            Iso42001 = ["A.7.2", "A.7.5"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM04:2025", "LLM08:2025"],
            MitreAtlas = ["AML.T0020", "AML.T0055"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.CognitiveServicesConnection, AiResourceFamily.MachineLearningConnection];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.PropertyString("authType") is not { Length: > 0 } authType)
        {
            return RuleCheck.Unknown("The connection did not report its authType.");
        }

        var evidence = new Dictionary<string, string> { ["authType"] = authType };
        if (resource.PropertyString("category") is { Length: > 0 } category)
        {
            evidence["category"] = category;
        }

        if (resource.PropertyString("target") is { Length: > 0 } target)
        {
            evidence["target"] = target;
        }

        if (StoredSecrets.Contains(authType))
        {
            return RuleCheck.Fail($"Connection '{resource.Name}' reaches {Target(evidence)} with a stored {authType} credential: everyone who can use the project or workspace, and any code running in it, can read and reuse the secret, and the data source cannot tell its callers apart.", evidence);
        }

        return Entra.Contains(authType) || authType.Equals("None", StringComparison.OrdinalIgnoreCase)
            ? RuleCheck.Pass($"Connection '{resource.Name}' reaches {Target(evidence)} with {authType} authentication; no shared secret is stored with it.", evidence)
            : RuleCheck.Unknown($"Connection '{resource.Name}' uses authType '{authType}', which AiSpm does not classify.");
    }

    private static string Target(Dictionary<string, string> evidence) =>
        evidence.TryGetValue("target", out var target) ? $"'{target}'" : "its target";
}
