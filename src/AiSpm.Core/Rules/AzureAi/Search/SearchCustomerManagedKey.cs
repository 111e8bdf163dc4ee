using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.Search;

/// <summary>AI Search services enforce customer-managed key encryption for their indexes and synonym maps.</summary>
public sealed class SearchCustomerManagedKey : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1304",
        Name = "Search.CustomerManagedKey",
        Title = "AI Search services enforce customer-managed key encryption",
        Severity = Severity.Low,
        Category = RuleCategory.Encryption,
        ResourceTypes = [AiResourceTypes.SearchService],
        IfRequired = true,
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "MEASURE 2.10"],
            Iso42001 = ["A.7.2"],
            OwaspLlm = ["LLM02:2025", "LLM08:2025"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.SearchService];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.CustomerManagedKey is not { } cmk)
        {
            return RuleCheck.Unknown("The service's encryption settings were not collected.");
        }

        if (string.Equals(resource.SkuName, "free", StringComparison.OrdinalIgnoreCase))
        {
            return RuleCheck.NotApplicable($"Search service '{resource.Name}' is on the Free tier, which cannot use customer-managed keys.");
        }

        var evidence = new Dictionary<string, string>
        {
            ["encryptionWithCmk.enforcement"] = resource.PropertyString("encryptionWithCmk.enforcement") ?? "(not set: Unspecified)",
            ["encryptionWithCmk.encryptionComplianceStatus"] = resource.PropertyString("encryptionWithCmk.encryptionComplianceStatus") ?? "(not reported)",
        };
        return cmk
            ? RuleCheck.Pass($"Search service '{resource.Name}' refuses objects not encrypted with a customer-managed key.", evidence)
            : RuleCheck.Fail($"Search service '{resource.Name}' does not enforce customer-managed keys: indexes may be created under Microsoft-managed keys only.", evidence);
    }
}
