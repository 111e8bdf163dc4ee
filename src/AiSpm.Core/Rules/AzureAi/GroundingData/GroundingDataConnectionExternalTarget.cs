using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.GroundingData;

/// <summary>Foundry and Machine Learning connections reach Azure services, not hosts outside Microsoft's clouds.</summary>
public sealed class GroundingDataConnectionExternalTarget : AiResourceRule
{
    /// <summary>Host suffixes of Azure and Microsoft cloud services (public and sovereign clouds).</summary>
    private static readonly string[] AzureHostSuffixes =
    [
        ".azure.com", ".windows.net", ".azure.net", ".azurewebsites.net", ".azurecr.io", ".azure-api.net", ".azureml.ms", ".azuredatabricks.net",
        ".microsoft.com", ".office.com", ".sharepoint.com", ".usgovcloudapi.net", ".azure.us", ".chinacloudapi.cn", ".azure.cn", ".fabric.microsoft.com",
    ];

    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1506",
        Name = "GroundingData.Connection.ExternalTarget",
        Title = "Foundry and Machine Learning connections reach Azure services, not external hosts",
        Severity = Severity.Low,
        Category = RuleCategory.DataExfiltration,
        ResourceTypes = [AiResourceTypes.CognitiveServicesConnection, AiResourceTypes.FoundryProjectConnection, AiResourceTypes.MachineLearningConnection],
        Frameworks = new()
        {
            NistAiRmf = ["MAP 4.1", "GOVERN 6.1"],
            Iso42001 = ["A.7.2", "A.10.3"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM03:2025", "LLM02:2025"],
            MitreAtlas = ["AML.T0010", "AML.T0025"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.CognitiveServicesConnection, AiResourceFamily.MachineLearningConnection];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.PropertyString("target") is not { Length: > 0 } target)
        {
            return RuleCheck.Unknown("The connection did not report its target.");
        }

        var evidence = new Dictionary<string, string> { ["target"] = target };
        if (resource.PropertyString("category") is { Length: > 0 } category)
        {
            evidence["category"] = category;
        }

        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            // Some categories name their target without a URL (a Git repository path, a resource id).
            return target.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase)
                ? RuleCheck.Pass($"Connection '{resource.Name}' names an Azure resource.", evidence)
                : RuleCheck.Unknown($"Connection '{resource.Name}' names a target that is not a URL: '{target}'.");
        }

        var host = uri.Host.ToLowerInvariant();
        return AzureHostSuffixes.Any(suffix => host.EndsWith(suffix, StringComparison.Ordinal))
            ? RuleCheck.Pass($"Connection '{resource.Name}' reaches the Azure service at '{host}'.", evidence)
            : RuleCheck.Fail($"Connection '{resource.Name}' sends the project's prompts, documents or credentials to '{host}', outside Microsoft's clouds: review that the provider is sanctioned and that its terms cover the data it receives.", evidence);
    }
}
