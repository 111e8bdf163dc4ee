using AiSpm.Core.Inventory.CopilotStudio;

namespace AiSpm.Core.Rules.CopilotStudio;

/// <summary>
/// A rule over each Copilot Studio agent of the environments a scan read. Silent when the scan did not read Power
/// Platform; a check whose column or components were not read is Unknown.
/// </summary>
public abstract class CopilotAgentRule : IRule
{
    /// <inheritdoc />
    public abstract RuleDescriptor Descriptor { get; }

    /// <inheritdoc />
    public IEnumerable<RuleResult> Evaluate(PostureSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.CopilotStudio.IsCollected)
        {
            return [];
        }

        return snapshot.CopilotStudio.Agents.Select(agent =>
        {
            var check = ReadsComponents && !agent.ComponentsRead ? ComponentsNotRead(agent) : Check(agent, snapshot);
            var evidence = new Dictionary<string, string>(check.Evidence)
            {
                ["environment"] = agent.EnvironmentId,
                ["agent"] = agent.Name,
            };
            return new RuleResult(Descriptor, agent.ResourceId, check.Outcome, check.Message, check.SubKey, evidence) { Severity = check.Severity };
        }).ToList();
    }

    /// <summary>True when the check reads the agent's components: with them unread it is Unknown, and <see cref="Check"/> is not called.</summary>
    protected virtual bool ReadsComponents => false;

    /// <summary>Checks one agent.</summary>
    protected abstract RuleCheck Check(CopilotAgent agent, PostureSnapshot snapshot);

    /// <summary>True when anyone in the tenant (0) or in any tenant (3) may chat with the agent.</summary>
    protected static bool IsSharedBroadly(CopilotAgent agent) => agent.AccessControlPolicy is 0 or 3;

    /// <summary>The label of an <c>accesscontrolpolicy</c> value.</summary>
    protected static string AccessLabel(int? policy) => policy switch
    {
        0 => "Any (everyone in the organisation)",
        1 => "Copilot readers",
        2 => "Group membership",
        3 => "Any (multi-tenant)",
        null => "(not reported)",
        _ => $"unknown value {policy}",
    };

    /// <summary>The label of an <c>authenticationmode</c> value.</summary>
    protected static string AuthenticationLabel(int? mode) => mode switch
    {
        0 => "Unspecified",
        1 => "None",
        2 => "Integrated (Microsoft Entra ID)",
        3 => "Custom Azure Active Directory",
        4 => "Generic OAuth2",
        null => "(not reported)",
        _ => $"unknown value {mode}",
    };

    /// <summary>The Unknown answer of a check that needs the components when they were not read.</summary>
    protected static RuleCheck ComponentsNotRead(CopilotAgent agent) =>
        RuleCheck.Unknown($"The components (topics, tools, knowledge) of agent '{agent.Name}' were not read.");
}
