using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.Search;

/// <summary>AI Search services are on a billed tier: the Free tier has no SLA, no private endpoints, no keys of your own and no identity.</summary>
public sealed class SearchPaidTier : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1308",
        Name = "Search.PaidTier",
        Title = "AI Search services are not on the Free tier",
        Severity = Severity.Low,
        Category = RuleCategory.Resilience,
        ResourceTypes = [AiResourceTypes.SearchService],
        IfRequired = true,
        Frameworks = new()
        {
            NistAiRmf = ["MEASURE 2.7", "MANAGE 2.2"],
            Iso42001 = ["A.4.5", "A.6.2.6"],
            OwaspLlm = ["LLM08:2025", "LLM10:2025"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.SearchService];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.SkuName is not { } sku)
        {
            return RuleCheck.Unknown("The service's SKU was not collected.");
        }

        var evidence = new Dictionary<string, string> { ["sku"] = sku };
        return sku.Equals("free", StringComparison.OrdinalIgnoreCase)
            ? RuleCheck.Fail($"Search service '{resource.Name}' is on the Free tier: shared infrastructure, no SLA, and no private endpoint, managed identity or customer-managed key is possible.", evidence)
            : RuleCheck.Pass($"Search service '{resource.Name}' is on the {sku} tier.", evidence);
    }
}
