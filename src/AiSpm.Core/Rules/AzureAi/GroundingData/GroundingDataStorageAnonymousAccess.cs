using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.GroundingData;

/// <summary>Storage accounts that feed AI do not allow anonymous (public) read access to blobs.</summary>
public sealed class GroundingDataStorageAnonymousAccess : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1503",
        Name = "GroundingData.Storage.AnonymousAccess",
        Title = "Storage that feeds AI does not allow anonymous blob access",
        Severity = Severity.High,
        Category = RuleCategory.DataExfiltration,
        ResourceTypes = [AiResourceTypes.StorageAccount],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "MEASURE 2.7"],
            Iso42001 = ["A.7.2", "A.7.5"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM04:2025", "LLM02:2025"],
            MitreAtlas = ["AML.T0020", "AML.T0025"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.GroundingStorage];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.PropertyBool("allowBlobPublicAccess") is not { } allowed)
        {
            return RuleCheck.Unknown("The storage account did not report allowBlobPublicAccess.");
        }

        var evidence = new Dictionary<string, string> { ["allowBlobPublicAccess"] = allowed ? "true" : "false" };
        return allowed
            ? RuleCheck.Fail($"Storage account '{resource.Name}', which AI reads grounding or training data from, lets containers be made readable by anyone on the internet without credentials: one container set to public exposes the data and lets an index or model be poisoned from what it reads.", evidence)
            : RuleCheck.Pass($"Storage account '{resource.Name}' refuses anonymous blob access for every container.", evidence);
    }
}
