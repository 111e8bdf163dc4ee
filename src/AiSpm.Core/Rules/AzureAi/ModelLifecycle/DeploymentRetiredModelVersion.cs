using System.Globalization;
using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.ModelLifecycle;

/// <summary>Model deployments do not run a model version Microsoft has retired.</summary>
public sealed class DeploymentRetiredModelVersion : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1150",
        Name = "OpenAI.Deployment.RetiredModelVersion",
        Title = "Model deployments do not use a retired model version",
        Severity = Severity.High,
        Category = RuleCategory.ModelLifecycle,
        ResourceTypes = [AiResourceTypes.ModelDeployment],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 3.2", "MANAGE 2.4", "GOVERN 1.6"],
            Iso42001 = ["A.6.2.6", "A.10.3"],
            EuAiAct = ["Art. 26"],
            OwaspLlm = ["LLM03:2025"],
            MitreAtlas = ["AML.T0029"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.ModelDeployment];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.Property("model") is null || resource.PropertyString("model.name") is not { } model)
        {
            return RuleCheck.Unknown("The deployment's model was not collected.");
        }

        if (!ResourceFacts.IsOpenAiFormat(resource))
        {
            return RuleCheck.NotApplicable($"Model format '{resource.PropertyString("model.format")}' is not covered by the Azure OpenAI retirement catalogue.");
        }

        var live = LiveModelLifecycle.For(resource, snapshot);
        if (live.Entry is { } listed)
        {
            var liveEvidence = live.Evidence(resource);
            if (listed.IsDeprecated)
            {
                var on = live.RetiresAt is { } at ? $" on {LiveModelLifecycle.Date(at)}" : string.Empty;
                return RuleCheck.Fail($"Deployment '{resource.Name}' runs {ResourceFacts.Model(resource)}, retired{on} per the Models API ({live.Location}: lifecycleStatus Deprecated): calls to it fail.", liveEvidence);
            }

            if (live.RetiresAt is { } retiresAt && retiresAt <= snapshot.EvaluatedAt)
            {
                return RuleCheck.Fail($"Deployment '{resource.Name}' runs {ResourceFacts.Model(resource)}, retired on {LiveModelLifecycle.Date(retiresAt)} per the Models API ({live.Location}, {live.DateField}): calls to it fail or it was silently replaced.", liveEvidence);
            }

            return RuleCheck.Pass($"Deployment '{resource.Name}' runs {ResourceFacts.Model(resource)}, which the Models API ({live.Location}) does not list as retired.", liveEvidence);
        }

        var evidence = new Dictionary<string, string>
        {
            ["model"] = ResourceFacts.Model(resource),
            ["sku"] = resource.SkuName ?? "(not reported)",
            ["catalogueVersion"] = ModelRetirementCatalog.Version,
            ["source"] = "catalogue " + ModelRetirementCatalog.Version,
            ["liveData"] = live.FallbackReason,
        };
        var entry = ModelRetirementCatalog.Find(model, resource.PropertyString("model.version"), resource.SkuName);
        if (entry is null || entry.RetiresAt > snapshot.EvaluatedAt)
        {
            evidence["retirement"] = entry is null ? "(none recorded)" : Date(entry.RetiresOn) + " (" + entry.Status + ")";
            return RuleCheck.Pass($"Deployment '{resource.Name}' runs {ResourceFacts.Model(resource)}, which is not retired.", evidence);
        }

        evidence["retirement"] = Date(entry.RetiresOn);
        evidence["status"] = entry.Status.ToString();
        evidence["replacement"] = entry.Replacement ?? "(none named)";
        evidence["publishedIn"] = entry.Source;
        return entry.Status == RetirementStatus.Retired
            ? RuleCheck.Fail($"Deployment '{resource.Name}' runs {ResourceFacts.Model(resource)}, retired on {Date(entry.RetiresOn)}: calls to it fail or it was silently replaced.", evidence)
            : RuleCheck.Unknown($"Deployment '{resource.Name}' runs {ResourceFacts.Model(resource)}, whose scheduled retirement ({Date(entry.RetiresOn)}, catalogue {ModelRetirementCatalog.Version}) has passed but is not confirmed, and the live data cannot settle it ({live.FallbackReason}).");
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
