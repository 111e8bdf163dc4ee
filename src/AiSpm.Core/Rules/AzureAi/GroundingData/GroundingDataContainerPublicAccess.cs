using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.GroundingData;

/// <summary>No blob container that feeds AI (named by a datastore, connection or AI Search data source) is readable anonymously.</summary>
public sealed class GroundingDataContainerPublicAccess : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1508",
        Name = "GroundingData.Container.PublicAccess",
        Title = "No container that feeds AI is readable anonymously",
        Severity = Severity.High,
        Category = RuleCategory.DataExfiltration,
        ResourceTypes = [AiResourceTypes.StorageContainer],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "MEASURE 2.7"],
            Iso42001 = ["A.7.2", "A.7.5"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM04:2025", "LLM02:2025", "LLM08:2025"],
            MitreAtlas = ["AML.T0020", "AML.T0025"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.GroundingContainer];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.PropertyString("publicAccess") is not { Length: > 0 } level)
        {
            return RuleCheck.Unknown("The container did not report publicAccess.");
        }

        var evidence = new Dictionary<string, string> { ["publicAccess"] = level };
        if (level.Equals("None", StringComparison.OrdinalIgnoreCase))
        {
            return RuleCheck.Pass($"Container '{resource.Name}' is readable only with credentials.", evidence);
        }

        var account = resource.ParentId is { } parent ? snapshot.Azure.Get(parent) : null;
        if (account?.PropertyBool("allowBlobPublicAccess") is not { } allowed)
        {
            return RuleCheck.Unknown($"Container '{resource.Name}' is set to public access '{level}', but whether its storage account allows anonymous access was not read.");
        }

        evidence["allowBlobPublicAccess"] = allowed ? "true" : "false";
        return allowed
            ? RuleCheck.Fail($"Container '{resource.Name}' of storage account '{account.Name}' feeds AI and anyone on the internet can read {(level.Equals("Container", StringComparison.OrdinalIgnoreCase) ? "and list" : string.Empty)} its blobs without credentials ('{level}' access): the grounding data is published, and what the AI reads from it can be studied for poisoning.", evidence)
            : RuleCheck.Pass($"Container '{resource.Name}' is set to '{level}' access, but storage account '{account.Name}' forbids anonymous access, which overrides it.", evidence);
    }
}
