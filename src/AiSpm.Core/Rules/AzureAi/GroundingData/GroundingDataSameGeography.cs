using AiSpm.Core.Findings;
using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.GroundingData;

/// <summary>The data a workspace or AI Services account reads through a datastore or connection lies in the same data-residency area (a review flag).</summary>
public sealed class GroundingDataSameGeography : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1507",
        Name = "GroundingData.SameGeography",
        Title = "Grounding and training data lies in the geography of the AI that reads it",
        Severity = Severity.Low,
        Category = RuleCategory.DataExfiltration,
        ResourceTypes = [AiResourceTypes.MachineLearningDatastore, AiResourceTypes.CognitiveServicesConnection, AiResourceTypes.FoundryProjectConnection, AiResourceTypes.MachineLearningConnection],
        Frameworks = new()
        {
            NistAiRmf = ["GOVERN 1.1", "MAP 4.1"],
            Iso42001 = ["A.7.2", "A.7.5"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM02:2025"],
            MitreAtlas = ["AML.T0025"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } =
        [AiResourceFamily.MachineLearningDatastore, AiResourceFamily.CognitiveServicesConnection, AiResourceFamily.MachineLearningConnection];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (GroundingLink.Of(resource) is not { } link)
        {
            return RuleCheck.Unknown("The datastore or connection names no target AiSpm can place.");
        }

        var reader = resource.ParentId is { } parentId ? snapshot.Azure.Get(parentId) : null;
        var data = snapshot.Azure.Get(link.To);
        if (reader?.Location is not { Length: > 0 } readerRegion || data?.Location is not { Length: > 0 } dataRegion)
        {
            return RuleCheck.Unknown($"The region of {(reader?.Location is null ? "the workspace or account" : "the target " + link.To)} is not known (not collected in this scan).");
        }

        if (AzureGeographies.Of(readerRegion) is not { } readerArea || AzureGeographies.Of(dataRegion) is not { } dataArea)
        {
            return RuleCheck.Unknown($"AiSpm does not know the geography of {(AzureGeographies.Of(readerRegion) is null ? readerRegion : dataRegion)}.");
        }

        var evidence = new Dictionary<string, string> { ["readerRegion"] = readerRegion, ["readerGeography"] = readerArea, ["dataRegion"] = dataRegion, ["dataGeography"] = dataArea, ["target"] = link.To };
        return readerArea == dataArea
            ? RuleCheck.Pass($"'{resource.Name}' reads data in {dataRegion} ({dataArea}), the geography of '{reader.Name}' ({readerRegion}).", evidence)
            : RuleCheck.Fail($"'{resource.Name}' feeds '{reader.Name}' ({readerRegion}, {readerArea}) with data from '{data.Name}' in {dataRegion} ({dataArea}): the data leaves its geography each time it is read, which a data-residency commitment may not allow.", evidence);
    }
}
