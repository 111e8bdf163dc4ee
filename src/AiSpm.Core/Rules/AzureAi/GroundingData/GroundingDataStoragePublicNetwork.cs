using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.GroundingData;

/// <summary>Storage accounts that feed AI are not reachable from the whole internet.</summary>
public sealed class GroundingDataStoragePublicNetwork : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1505",
        Name = "GroundingData.Storage.PublicNetwork",
        Title = "Storage that feeds AI is not open to the internet",
        Severity = Severity.Medium,
        Category = RuleCategory.NetworkExposure,
        ResourceTypes = [AiResourceTypes.StorageAccount],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "MEASURE 2.7"],
            Iso42001 = ["A.7.2", "A.6.2.4"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM04:2025"],
            MitreAtlas = ["AML.T0020"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.GroundingStorage];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.Network is not { IsOpenToInternet: { } open } network || resource.Properties.ValueKind != System.Text.Json.JsonValueKind.Object || !resource.Properties.EnumerateObject().Any())
        {
            return RuleCheck.Unknown("The storage account's network settings were not read.");
        }

        var evidence = new Dictionary<string, string>
        {
            ["publicNetworkAccess"] = resource.PropertyString("publicNetworkAccess") ?? "not set (Enabled)",
            ["networkAcls.defaultAction"] = resource.PropertyString("networkAcls.defaultAction") ?? "not set",
            ["approvedPrivateEndpoints"] = network.ApprovedPrivateEndpoints.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return open
            ? RuleCheck.Fail($"Storage account '{resource.Name}', which AI reads grounding or training data from, accepts connections from any network: its data is one leaked key or SAS, or one public container, away from anyone on the internet.", evidence)
            : RuleCheck.Pass($"Storage account '{resource.Name}' is reachable only through its firewall rules or private endpoints.", evidence);
    }
}
