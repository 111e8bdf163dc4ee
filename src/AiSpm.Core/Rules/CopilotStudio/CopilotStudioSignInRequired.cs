using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.CopilotStudio;

namespace AiSpm.Core.Rules.CopilotStudio;

/// <summary>Copilot Studio agents with manual authentication (Entra ID or OAuth2) require sign-in at the start (authentication trigger Always).</summary>
public sealed class CopilotStudioSignInRequired : CopilotAgentRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2042",
        Name = "CopilotStudio.SignInRequired",
        Title = "Copilot Studio agents with manual authentication require users to sign in first",
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
        var evidence = new Dictionary<string, string>
        {
            ["authenticationmode"] = AuthenticationLabel(agent.AuthenticationMode),
            ["authenticationtrigger"] = agent.AuthenticationTrigger switch { 0 => "As Needed", 1 => "Always", null => "(not reported)", var t => $"unknown value {t}" },
        };
        return agent.AuthenticationMode switch
        {
            null => RuleCheck.Unknown($"Agent '{agent.Name}' reported no authentication mode."),
            1 => RuleCheck.NotApplicable($"Agent '{agent.Name}' does not authenticate at all (AISPM-2041)."),
            2 => RuleCheck.Pass($"Agent '{agent.Name}' uses integrated authentication: users are signed in by the channel.", evidence),
            3 or 4 when agent.AuthenticationTrigger is null => RuleCheck.Unknown($"Agent '{agent.Name}' reported no authentication trigger."),
            3 or 4 when agent.AuthenticationTrigger == 0 => RuleCheck.Fail($"Agent '{agent.Name}' authenticates only when a topic asks for it: conversations start, and can reach tools and knowledge, before anyone signed in.", evidence),
            3 or 4 => RuleCheck.Pass($"Agent '{agent.Name}' requires users to sign in before the conversation.", evidence),
            _ => RuleCheck.NotApplicable($"Agent '{agent.Name}' has authentication mode {AuthenticationLabel(agent.AuthenticationMode)}."),
        };
    }
}
