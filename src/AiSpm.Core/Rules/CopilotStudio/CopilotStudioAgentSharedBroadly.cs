using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.CopilotStudio;

namespace AiSpm.Core.Rules.CopilotStudio;

/// <summary>Copilot Studio agents are shared with Copilot readers or security groups, not with the whole organisation or any tenant.</summary>
public sealed class CopilotStudioAgentSharedBroadly : CopilotAgentRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2040",
        Name = "CopilotStudio.AgentSharedBroadly",
        Title = "Copilot Studio agents are shared with named readers or security groups, not with everyone",
        Severity = Severity.Medium,
        Category = RuleCategory.Copilot,
        ResourceTypes = ["powerplatform/bots"],
        Frameworks = CopilotStudioFrameworks.Access,
        Since = "0.9.0",
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override RuleCheck Check(CopilotAgent agent, PostureSnapshot snapshot)
    {
        var evidence = new Dictionary<string, string> { ["accesscontrolpolicy"] = AccessLabel(agent.AccessControlPolicy) };
        return agent.AccessControlPolicy switch
        {
            null => RuleCheck.Unknown($"Agent '{agent.Name}' reported no access control policy."),
            3 => RuleCheck.Fail($"Agent '{agent.Name}' lets users of any Microsoft Entra tenant chat with it.", evidence) with { Severity = Severity.High },
            0 => RuleCheck.Fail($"Agent '{agent.Name}' lets everyone in the organisation chat with it, and reach every tool and knowledge source it holds.", evidence),
            2 when agent.AuthorizedGroups.Count == 0 => RuleCheck.Fail($"Agent '{agent.Name}' is restricted to group membership but names no group.", evidence),
            2 => RuleCheck.Pass($"Agent '{agent.Name}' is shared with {agent.AuthorizedGroups.Count} security group(s).", new Dictionary<string, string>(evidence) { ["authorizedsecuritygroupids"] = string.Join(", ", agent.AuthorizedGroups) }),
            _ => RuleCheck.Pass($"Agent '{agent.Name}' is shared as {AccessLabel(agent.AccessControlPolicy)}.", evidence),
        };
    }
}
