using System.Globalization;
using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.ModelLifecycle;

/// <summary>Model deployments do not run a model version that retires within the next 90 days.</summary>
public sealed class DeploymentRetiringModelVersion : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1151",
        Name = "OpenAI.Deployment.RetiringModelVersion",
        Title = "Model deployments do not use a model version retiring within 90 days",
        Severity = Severity.Medium,
        Category = RuleCategory.ModelLifecycle,
        ResourceTypes = [AiResourceTypes.ModelDeployment],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 3.2", "GOVERN 1.6"],
            Iso42001 = ["A.6.2.6", "A.10.3"],
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
        var horizon = TimeSpan.FromDays(snapshot.Policy.Settings.ModelRetirementHorizonDays);
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
            if (listed.IsDeprecated || live.RetiresAt <= snapshot.EvaluatedAt)
            {
                return RuleCheck.NotApplicable($"The Models API ({live.Location}) lists {ResourceFacts.Model(resource)} as retired (see AISPM-1150).");
            }

            var liveEvidence = live.Evidence(resource);
            if (live.RetiresAt is not { } retiresAt)
            {
                return string.Equals(listed.LifecycleStatus, "Deprecating", StringComparison.OrdinalIgnoreCase)
                    ? RuleCheck.Unknown($"Deployment '{resource.Name}' runs {ResourceFacts.Model(resource)}, which the Models API ({live.Location}) marks Deprecating without a retirement date.")
                    : RuleCheck.Pass($"Deployment '{resource.Name}' runs {ResourceFacts.Model(resource)}, for which the Models API ({live.Location}) lists no retirement date.", liveEvidence);
            }

            if (retiresAt > snapshot.EvaluatedAt + horizon)
            {
                return RuleCheck.Pass($"Deployment '{resource.Name}' runs {ResourceFacts.Model(resource)}, with no retirement in the next {horizon.Days} days per the Models API ({live.Location}).", liveEvidence);
            }

            var daysLeft = (int)Math.Ceiling((retiresAt - snapshot.EvaluatedAt).TotalDays);
            liveEvidence["daysLeft"] = ResourceFacts.Text(daysLeft);
            return RuleCheck.Fail($"Deployment '{resource.Name}' runs {ResourceFacts.Model(resource)}, which retires in {daysLeft} day(s) on {liveEvidence["retirement"]} per the Models API ({live.Location}, {live.DateField}): test and move to a newer version.", liveEvidence);
        }

        var entry = ModelRetirementCatalog.Find(model, resource.PropertyString("model.version"), resource.SkuName);
        if (entry is not null && entry.RetiresAt <= snapshot.EvaluatedAt)
        {
            return RuleCheck.NotApplicable($"The retirement date of {ResourceFacts.Model(resource)} has passed (see AISPM-1150).");
        }

        var evidence = new Dictionary<string, string>
        {
            ["model"] = ResourceFacts.Model(resource),
            ["sku"] = resource.SkuName ?? "(not reported)",
            ["retirement"] = entry is null ? "(none recorded)" : entry.RetiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["catalogueVersion"] = ModelRetirementCatalog.Version,
            ["source"] = "catalogue " + ModelRetirementCatalog.Version,
            ["liveData"] = live.FallbackReason,
        };
        if (entry is null || entry.RetiresAt > snapshot.EvaluatedAt + horizon)
        {
            return RuleCheck.Pass($"Deployment '{resource.Name}' runs {ResourceFacts.Model(resource)}, with no retirement in the next {horizon.Days} days.", evidence);
        }

        var days = (int)Math.Ceiling((entry.RetiresAt - snapshot.EvaluatedAt).TotalDays);
        evidence["daysLeft"] = ResourceFacts.Text(days);
        evidence["replacement"] = entry.Replacement ?? "(none named)";
        evidence["publishedIn"] = entry.Source;
        return RuleCheck.Fail($"Deployment '{resource.Name}' runs {ResourceFacts.Model(resource)}, which retires in {days} day(s) on {evidence["retirement"]}: test and move to a newer version.", evidence);
    }
}
