using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.MachineLearning;

/// <summary>Compute clusters scale down to zero nodes when no job runs.</summary>
public sealed class MachineLearningComputeClusterScalesToZero : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1215",
        Name = "MachineLearning.Compute.ClusterScalesToZero",
        Title = "Machine Learning compute clusters scale down to zero nodes",
        Severity = Severity.Low,
        Category = RuleCategory.ComputeHardening,
        ResourceTypes = [AiResourceTypes.MachineLearningCompute],
        IfRequired = true,
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.1"],
            Iso42001 = ["A.4.5"],
            OwaspLlm = ["LLM10:2025"],
            MitreAtlas = ["AML.T0034"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.MachineLearningCompute];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (MachineLearningComputeView.From(resource) is not { } compute)
        {
            return RuleCheck.Unknown("The compute's type was not collected.");
        }

        if (!compute.IsCluster)
        {
            return RuleCheck.NotApplicable($"Compute type '{compute.ComputeType}' is not a compute cluster.");
        }

        if (compute.MinNodeCount is not { } min)
        {
            return RuleCheck.Unknown("The cluster's scale settings were not collected.");
        }

        var evidence = new Dictionary<string, string>
        {
            ["scaleSettings.minNodeCount"] = min.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["scaleSettings.maxNodeCount"] = resource.PropertyString("properties.scaleSettings.maxNodeCount") ?? "(not reported)",
        };
        return min == 0
            ? RuleCheck.Pass($"Cluster '{resource.Name}' releases all nodes when idle.", evidence)
            : RuleCheck.Fail($"Cluster '{resource.Name}' keeps {min} node(s) running at all times, billed and reachable even without jobs.", evidence);
    }
}
