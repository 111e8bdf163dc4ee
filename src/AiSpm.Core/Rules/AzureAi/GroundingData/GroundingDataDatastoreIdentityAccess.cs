using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.GroundingData;

/// <summary>Machine Learning datastores reach their storage with identity-based access, not account keys, SAS tokens or service principal secrets.</summary>
public sealed class GroundingDataDatastoreIdentityAccess : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1502",
        Name = "GroundingData.Datastore.IdentityAccess",
        Title = "Machine Learning datastores use identity-based access to their storage",
        Severity = Severity.Medium,
        Category = RuleCategory.Authentication,
        ResourceTypes = [AiResourceTypes.MachineLearningDatastore],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "MAP 4.1"],
            Iso42001 = ["A.7.2", "A.7.5"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM04:2025"],
            MitreAtlas = ["AML.T0020"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.MachineLearningDatastore];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.PropertyString("credentials.credentialsType") is not { Length: > 0 } credentials)
        {
            return RuleCheck.Unknown("The datastore did not report credentials.credentialsType.");
        }

        var evidence = new Dictionary<string, string> { ["credentialsType"] = credentials };
        foreach (var name in new[] { "datastoreType", "accountName", "containerName" })
        {
            if (resource.PropertyString(name) is { Length: > 0 } value)
            {
                evidence[name] = value;
            }
        }

        return credentials.ToUpperInvariant() switch
        {
            "NONE" => RuleCheck.Pass($"Datastore '{resource.Name}' stores no credential: each user and compute reaches the storage with its own identity.", evidence),
            "ACCOUNTKEY" or "SAS" or "SERVICEPRINCIPAL" or "CERTIFICATE" =>
                RuleCheck.Fail($"Datastore '{resource.Name}' keeps a {credentials} credential in the workspace: everyone who can use the workspace reads the training and grounding data with it, with no per-user access control or attribution in the storage logs.", evidence),
            _ => RuleCheck.Unknown($"Datastore '{resource.Name}' uses credentialsType '{credentials}', which AiSpm does not classify."),
        };
    }
}
