using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.ContentSafety;

/// <summary>Every model deployment pins a content filter (RAI) policy instead of relying on the service's default.</summary>
public sealed class DeploymentContentFilterPolicy : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1101",
        Name = "OpenAI.Deployment.ContentFilterPolicy",
        Title = "Model deployments pin a content filter policy",
        Severity = Severity.Low,
        Category = RuleCategory.ContentSafety,
        ResourceTypes = [AiResourceTypes.ModelDeployment],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.3", "MEASURE 2.11"],
            Iso42001 = ["A.6.2.4", "A.9.3"],
            EuAiAct = ["Art. 26"],
            OwaspLlm = ["LLM01:2025", "LLM05:2025"],
            MitreAtlas = ["AML.T0051", "AML.T0054"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.ModelDeployment];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.Properties.ValueKind != System.Text.Json.JsonValueKind.Object || resource.Property("model") is null)
        {
            return RuleCheck.Unknown("The deployment's properties were not collected.");
        }

        var format = resource.PropertyString("model.format");
        if (format is not null && !format.Equals("OpenAI", StringComparison.OrdinalIgnoreCase) && resource.Property("raiPolicyName") is null)
        {
            return RuleCheck.NotApplicable($"Model format '{format}' deployments may not carry a content filter policy.");
        }

        var policy = resource.PropertyString("raiPolicyName");
        var evidence = new Dictionary<string, string>
        {
            ["model"] = $"{resource.PropertyString("model.name")} {resource.PropertyString("model.version")}".Trim(),
            ["raiPolicyName"] = policy ?? "(none)",
        };
        return string.IsNullOrWhiteSpace(policy)
            ? RuleCheck.Fail($"Deployment '{resource.Name}' pins no content filter policy: Microsoft's default filter applies, but which one (and whether it includes Prompt Shields and protected-material detection) is not stated and follows the service's defaults; pin Microsoft.DefaultV2 or a reviewed custom policy. Weakened policies are AISPM-1102 to AISPM-1106.", evidence)
            : RuleCheck.Pass($"Deployment '{resource.Name}' uses content filter policy '{policy}'.", evidence);
    }
}
