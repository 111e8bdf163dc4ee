using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.CognitiveServices;

/// <summary>AI Services / Azure OpenAI accounts encrypt stored data (fine-tuning files, batch and assistants data) with a customer-managed key.</summary>
public sealed class CognitiveServicesCustomerManagedKey : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1004",
        Name = "CognitiveServices.CustomerManagedKey",
        Title = "AI Services and Azure OpenAI accounts encrypt data with a customer-managed key",
        Severity = Severity.Low,
        Category = RuleCategory.Encryption,
        ResourceTypes = [AiResourceTypes.CognitiveServicesAccount],
        IfRequired = true,
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2"],
            Iso42001 = ["A.7.2"],
            OwaspLlm = ["LLM02:2025"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.CognitiveServicesAccount];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.CustomerManagedKey is not { } cmk)
        {
            return RuleCheck.Unknown("The account's encryption settings were not collected.");
        }

        var evidence = new Dictionary<string, string> { ["encryption.keySource"] = resource.PropertyString("encryption.keySource") ?? "(not set: Microsoft.CognitiveServices)" };
        return cmk
            ? RuleCheck.Pass($"Account '{resource.Name}' uses a key from Key Vault.", evidence)
            : RuleCheck.Fail($"Account '{resource.Name}' relies on Microsoft-managed keys only.", evidence);
    }
}
