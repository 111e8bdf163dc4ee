using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.Bot;

/// <summary>Azure AI Bot Service bots disable public network access and are reached through private endpoints.</summary>
public sealed class BotPublicNetworkAccess : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1401",
        Name = "Bot.PublicNetworkAccess",
        Title = "Bot Service bots disable public network access",
        Severity = Severity.Medium,
        Category = RuleCategory.NetworkExposure,
        ResourceTypes = [AiResourceTypes.BotService],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "MEASURE 2.7"],
            Iso42001 = ["A.6.2.6"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM10:2025", "LLM01:2025"],
            MitreAtlas = ["AML.T0049", "AML.T0040"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.BotService];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        if (resource.Network?.PublicNetworkAccess is not { } isPublic)
        {
            return RuleCheck.Unknown("The bot's network settings were not collected.");
        }

        var approved = resource.Network.ApprovedPrivateEndpoints;
        var evidence = new Dictionary<string, string>
        {
            ["publicNetworkAccess"] = resource.PropertyString("publicNetworkAccess") ?? "(not set: Enabled)",
            ["enabledChannels"] = resource.Property("enabledChannels") is { ValueKind: System.Text.Json.JsonValueKind.Array } channels
                ? string.Join(", ", channels.EnumerateArray().Select(c => c.ToString()))
                : "(not reported)",
        };
        if (isPublic && snapshot.Policy.KnownBots.FirstOrDefault(b => b.Matches(resource.Name)) is { } known)
        {
            evidence["policy.knownBot"] = known.Reason;
            return RuleCheck.Pass($"Bot '{resource.Name}' is public, and the policy marks it a known bot whose channels need a public endpoint ({known.Reason}).", evidence);
        }

        return isPublic
            ? RuleCheck.Fail($"Bot '{resource.Name}' accepts Direct Line and channel traffic from any network.", evidence)
            : RuleCheck.Pass($"Bot '{resource.Name}' has public network access disabled ({approved} approved private endpoint(s)).", evidence);
    }
}
