using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.MachineLearning;

/// <summary>Machine Learning workspaces and Foundry hubs encrypt workspace metadata with a customer-managed key; projects are judged by their hub.</summary>
public sealed class MachineLearningWorkspaceCustomerManagedKey : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1204",
        Name = "MachineLearning.Workspace.CustomerManagedKey",
        Title = "Machine Learning workspaces and Foundry hubs encrypt data with a customer-managed key",
        Severity = Severity.Low,
        Category = RuleCategory.Encryption,
        ResourceTypes = [AiResourceTypes.MachineLearningWorkspace],
        IfRequired = true,
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2"],
            Iso42001 = ["A.7.2", "A.4.3"],
            OwaspLlm = ["LLM02:2025"],
            MitreAtlas = ["AML.T0035"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.MachineLearningWorkspace];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        var governing = MachineLearningWorkspaces.Governing(resource, snapshot);
        if (governing.CustomerManagedKey is not { } cmk)
        {
            return RuleCheck.Unknown($"The encryption settings of '{governing.Name}' were not collected.");
        }

        var evidence = new Dictionary<string, string>
        {
            ["encryption.status"] = governing.PropertyString("encryption.status") ?? "(not set: Microsoft-managed keys)",
            ["hbiWorkspace"] = governing.PropertyString("hbiWorkspace") ?? "(not set: false)",
        };
        if (governing.PropertyString("encryption.keyVaultProperties.keyIdentifier") is { Length: > 0 } key)
        {
            evidence["encryption.keyIdentifier"] = key;
        }

        MachineLearningWorkspaces.NoteGoverning(evidence, resource, governing);
        var through = ReferenceEquals(resource, governing) ? string.Empty : $" through its hub '{governing.Name}'";
        return cmk
            ? RuleCheck.Pass($"Workspace '{resource.Name}' encrypts its data with a key from Key Vault{through}.", evidence)
            : RuleCheck.Fail($"Workspace '{resource.Name}' relies on Microsoft-managed keys only{through}.", evidence);
    }
}
