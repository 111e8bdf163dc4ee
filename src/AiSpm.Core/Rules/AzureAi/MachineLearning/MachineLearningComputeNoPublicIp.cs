using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.MachineLearning;

/// <summary>Compute instance and cluster nodes get no public IP address.</summary>
public sealed class MachineLearningComputeNoPublicIp : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1211",
        Name = "MachineLearning.Compute.NoPublicIp",
        Title = "Machine Learning compute nodes have no public IP address",
        Severity = Severity.Medium,
        Category = RuleCategory.NetworkExposure,
        ResourceTypes = [AiResourceTypes.MachineLearningCompute],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "MEASURE 2.7"],
            Iso42001 = ["A.4.5", "A.6.2.6"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM04:2025", "LLM02:2025"],
            MitreAtlas = ["AML.T0049", "AML.T0025"],
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

        if (!compute.IsManagedByMachineLearning)
        {
            return RuleCheck.NotApplicable($"Compute type '{compute.ComputeType}' is attached compute whose addresses are managed where it lives.");
        }

        if (!compute.HasSettings)
        {
            return RuleCheck.Unknown("The compute's settings (properties.properties) were not collected.");
        }

        var address = resource.PropertyString("properties.connectivityEndpoints.publicIpAddress") is { Length: > 0 } shown ? shown : null;
        var evidence = new Dictionary<string, string>
        {
            ["computeType"] = compute.ComputeType,
            ["enableNodePublicIp"] = compute.EnableNodePublicIpStated ? (compute.EnableNodePublicIp ? "true" : "false") : "(not set: true)",
        };
        if (address is not null)
        {
            evidence["connectivityEndpoints.publicIpAddress"] = address;
        }

        if (compute.SubnetId is { } subnet)
        {
            evidence["subnet"] = subnet;
        }

        // ARM often leaves enableNodePublicIp out for compute placed in a customer subnet; the documented default
        // (true) is then not evidence of public nodes when the compute shows no public address.
        if (!compute.EnableNodePublicIpStated && compute.SubnetId is not null && address is null)
        {
            return RuleCheck.Pass($"Compute '{resource.Name}' sits in subnet '{compute.SubnetId[(compute.SubnetId.LastIndexOf('/') + 1)..]}' and shows no public IP address (enableNodePublicIp not stated).", evidence);
        }

        return compute.EnableNodePublicIp
            ? RuleCheck.Fail($"Compute '{resource.Name}' gives its nodes public IP addresses reachable from the internet.", evidence)
            : RuleCheck.Pass($"Compute '{resource.Name}' nodes have private addresses only.", evidence);
    }
}
