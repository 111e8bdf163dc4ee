using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.MachineLearning;

/// <summary>Compute instances stop on their own: an idle shutdown timeout or an enabled stop schedule.</summary>
public sealed class MachineLearningComputeIdleShutdown : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1214",
        Name = "MachineLearning.Compute.IdleShutdown",
        Title = "Machine Learning compute instances shut down when idle or on a schedule",
        Severity = Severity.Low,
        Category = RuleCategory.ComputeHardening,
        ResourceTypes = [AiResourceTypes.MachineLearningCompute],
        IfRequired = true,
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.1", "MEASURE 2.7"],
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

        if (!compute.IsComputeInstance)
        {
            return RuleCheck.NotApplicable($"Compute type '{compute.ComputeType}' is not a compute instance (clusters scale down on their own).");
        }

        if (!compute.HasSettings)
        {
            return RuleCheck.Unknown("The compute instance's settings (properties.properties) were not collected.");
        }

        var schedules = compute.EnabledStopSchedules;
        var evidence = new Dictionary<string, string>
        {
            ["idleTimeBeforeShutdown"] = compute.IdleTimeBeforeShutdown ?? "(not set)",
            ["stopSchedules"] = schedules.Count == 0 ? "none" : string.Join(", ", schedules),
        };
        return compute.IdleTimeBeforeShutdown is not null || schedules.Count > 0
            ? RuleCheck.Pass($"Compute instance '{resource.Name}' stops itself ({(compute.IdleTimeBeforeShutdown is { } idle ? "idle after " + idle : "on a schedule")}).", evidence)
            : RuleCheck.Fail($"Compute instance '{resource.Name}' has neither idle shutdown nor a stop schedule: it runs, costs and stays reachable until someone stops it.", evidence);
    }
}
