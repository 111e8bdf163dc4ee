using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.CopilotStudio;

namespace AiSpm.Core.Rules.CopilotStudio;

/// <summary>Copilot Studio agents are owned by a user who still exists and is enabled (or by a team).</summary>
public sealed class CopilotStudioOrphanedAgent : CopilotAgentRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2050",
        Name = "CopilotStudio.OrphanedAgent",
        Title = "Copilot Studio agents are owned by an enabled user",
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
        if (agent.Owner is not { } owner)
        {
            return RuleCheck.NotApplicable($"Agent '{agent.Name}' is owned by a team, or reported no owner.");
        }

        var evidence = new Dictionary<string, string> { ["owner"] = owner.Name, ["systemuserid"] = owner.SystemUserId };
        if (owner.EntraObjectId is not null)
        {
            evidence["azureactivedirectoryobjectid"] = owner.EntraObjectId;
        }

        return owner switch
        {
            { Exists: false } => RuleCheck.Fail($"Agent '{agent.Name}' is owned by a user who no longer exists in the environment: nobody is accountable for it.", evidence),
            { Disabled: true } => RuleCheck.Fail($"Agent '{agent.Name}' is owned by '{owner.Name}', whose account is disabled: nobody is accountable for it.", evidence),
            { Exists: null } or { Disabled: null } => RuleCheck.Unknown($"The owner of agent '{agent.Name}' was not read."),
            _ => RuleCheck.Pass($"Agent '{agent.Name}' is owned by '{owner.Name}', an enabled user.", evidence),
        };
    }
}
