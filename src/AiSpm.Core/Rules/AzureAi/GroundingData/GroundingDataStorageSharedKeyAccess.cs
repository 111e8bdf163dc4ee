using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.GroundingData;

/// <summary>Storage accounts that feed AI refuse Shared Key (account key and key-signed SAS) authorization.</summary>
public sealed class GroundingDataStorageSharedKeyAccess : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1504",
        Name = "GroundingData.Storage.SharedKeyAccess",
        Title = "Storage that feeds AI refuses Shared Key authorization",
        Severity = Severity.Medium,
        Category = RuleCategory.Authentication,
        ResourceTypes = [AiResourceTypes.StorageAccount],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "GOVERN 6.1"],
            Iso42001 = ["A.7.2", "A.4.5"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM04:2025"],
            MitreAtlas = ["AML.T0020", "AML.T0055"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.GroundingStorage];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.Properties.ValueKind != System.Text.Json.JsonValueKind.Object || !resource.Properties.EnumerateObject().Any())
        {
            return RuleCheck.Unknown("The storage account's properties were not read.");
        }

        // Azure documents a missing allowSharedKeyAccess as allowed (null is treated as true).
        var allowed = resource.PropertyBool("allowSharedKeyAccess");
        var evidence = new Dictionary<string, string> { ["allowSharedKeyAccess"] = allowed switch { true => "true", false => "false", null => "not set (allowed)" } };
        return allowed == false
            ? RuleCheck.Pass($"Storage account '{resource.Name}' accepts only Microsoft Entra authorization.", evidence)
            : RuleCheck.Fail($"Storage account '{resource.Name}', which AI reads grounding or training data from, accepts its account keys and key-signed SAS tokens: anyone holding one reads and rewrites all of its data, with no per-user access control or attribution.", evidence);
    }
}
