using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.CopilotStudio;

namespace AiSpm.Core.Rules.CopilotStudio;

/// <summary>Copilot Studio agents shared with the whole organisation or any tenant have been published recently (within agentDormantDays).</summary>
public sealed class CopilotStudioDormantSharedAgent : CopilotAgentRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2049",
        Name = "CopilotStudio.DormantSharedAgent",
        Title = "Copilot Studio agents shared with everyone are maintained",
        Severity = Severity.Medium,
        Category = RuleCategory.Copilot,
        ResourceTypes = ["powerplatform/bots"],
        Frameworks = CopilotStudioFrameworks.Lifecycle,
        Since = "0.9.0",
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override RuleCheck Check(CopilotAgent agent, PostureSnapshot snapshot)
    {
        if (agent.AccessControlPolicy is null)
        {
            return RuleCheck.Unknown($"Agent '{agent.Name}' reported no access control policy.");
        }

        if (!IsSharedBroadly(agent))
        {
            return RuleCheck.Pass($"Agent '{agent.Name}' is not shared with everyone ({AccessLabel(agent.AccessControlPolicy)}).");
        }

        var days = snapshot.Policy.Settings.AgentDormantDays;
        var evidence = new Dictionary<string, string>
        {
            ["publishedon"] = agent.PublishedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "(never)",
            ["agentDormantDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return agent.PublishedOn is not { } published
            ? RuleCheck.Fail($"Agent '{agent.Name}' was never published yet is shared with {AccessLabel(agent.AccessControlPolicy)}.", evidence)
            : snapshot.EvaluatedAt - published > TimeSpan.FromDays(days)
                ? RuleCheck.Fail(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Agent '{agent.Name}' was last published on {published:yyyy-MM-dd}, more than {days} days ago, and is still shared with {AccessLabel(agent.AccessControlPolicy)}: nobody maintains what it can reach."), evidence)
                : RuleCheck.Pass(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Agent '{agent.Name}' was published on {published:yyyy-MM-dd}."), evidence);
    }
}
