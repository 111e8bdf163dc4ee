using System.Globalization;
using System.Text.Json;
using AiSpm.Core.DataClassification;
using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.GroundingData;

/// <summary>The sampled blobs of a container that feeds AI hold no credentials and no personal data (opt-in sampling).</summary>
public sealed class GroundingDataContainerSensitiveContent : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1510",
        Name = "GroundingData.Container.SensitiveContent",
        Title = "Sampled grounding data holds no credentials or personal data",
        Severity = Severity.High,
        Category = RuleCategory.DataExfiltration,
        ResourceTypes = [AiResourceTypes.StorageContainer],
        Frameworks = new()
        {
            NistAiRmf = ["MAP 4.1", "MEASURE 2.10", "MANAGE 2.2"],
            Iso42001 = ["A.7.2", "A.7.4", "A.7.5"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM02:2025", "LLM04:2025"],
            MitreAtlas = ["AML.T0025", "AML.T0057"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.GroundingContainer];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.Property("dataSample") is not { ValueKind: JsonValueKind.Object } element)
        {
            return RuleCheck.Unknown("The container was not sampled (data sampling is off: AISPM_DATA_SAMPLING).");
        }

        var sample = element.Deserialize<ContainerSample>(JsonSerializerOptions.Web);
        if (sample is null)
        {
            return RuleCheck.Unknown("The container's sample could not be read.");
        }

        if (sample.RefusedStatus is { } status)
        {
            return RuleCheck.Unknown($"Listing the container was refused ({status}); sampling needs Storage Blob Data Reader on the account or container.");
        }

        if (sample.BlobsRead == 0 && sample.Types.Count == 0)
        {
            return RuleCheck.Unknown(sample.StoppedBy is { } why ? $"The container was not sampled: {why}." : $"No text-like blob within the limits was read ({sample.BlobsListed} listed).");
        }

        var evidence = new Dictionary<string, string>
        {
            ["blobsListed"] = sample.BlobsListed.ToString(CultureInfo.InvariantCulture),
            ["blobsRead"] = sample.BlobsRead.ToString(CultureInfo.InvariantCulture),
            ["bytesRead"] = sample.BytesRead.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (type, found) in sample.Types.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            evidence[$"found.{type}"] = $"{found.Count} in {string.Join(", ", found.Blobs)}; hints {string.Join(", ", found.Hints)}";
        }

        if (sample.Types.Count == 0)
        {
            return RuleCheck.Pass($"The {sample.BlobsRead} newest text blobs of container '{resource.Name}' hold no credential or personal data the detectors know.", evidence);
        }

        var summary = string.Join(", ", sample.Types.OrderByDescending(t => t.Value.Count).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Value.Count} × {t.Key}"));
        return RuleCheck.Fail($"Container '{resource.Name}' feeds AI, and {sample.BlobsRead} sampled blobs hold {summary}: what is indexed or trained on can be repeated to whoever asks the AI, and a credential in it is exposed to every reader of the index.", evidence);
    }
}
