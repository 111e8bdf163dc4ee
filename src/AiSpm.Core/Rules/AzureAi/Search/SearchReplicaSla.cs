using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.Search;

/// <summary>AI Search services run at least two replicas, the minimum for the query availability SLA.</summary>
public sealed class SearchReplicaSla : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1306",
        Name = "Search.ReplicaSla",
        Title = "AI Search services run at least two replicas for the query SLA",
        Severity = Severity.Low,
        Category = RuleCategory.Resilience,
        ResourceTypes = [AiResourceTypes.SearchService],
        IfRequired = true,
        Frameworks = new()
        {
            NistAiRmf = ["MEASURE 2.7", "MANAGE 2.4"],
            Iso42001 = ["A.4.5", "A.6.2.6"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM10:2025"],
            MitreAtlas = ["AML.T0029"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.SearchService];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.Property("replicaCount") is not { ValueKind: System.Text.Json.JsonValueKind.Number } count || !count.TryGetInt32(out var replicas))
        {
            return RuleCheck.Unknown("The service's replica count was not collected.");
        }

        if (string.Equals(resource.SkuName, "free", StringComparison.OrdinalIgnoreCase))
        {
            return RuleCheck.NotApplicable($"Search service '{resource.Name}' is on the Free tier, which has no SLA and one replica.");
        }

        var evidence = new Dictionary<string, string>
        {
            ["sku"] = resource.SkuName ?? "(not reported)",
            ["replicaCount"] = ResourceFacts.Text(replicas),
        };
        var minimum = snapshot.Policy.Settings.SearchMinimumReplicas;
        evidence["minimumReplicas"] = ResourceFacts.Text(minimum);
        return replicas >= minimum
            ? RuleCheck.Pass($"Search service '{resource.Name}' runs {replicas} replicas.", evidence)
            : RuleCheck.Fail($"Search service '{resource.Name}' runs {replicas} replica(s), fewer than {minimum}: retrieval for its AI applications has no availability SLA and stops during maintenance.", evidence);
    }
}
