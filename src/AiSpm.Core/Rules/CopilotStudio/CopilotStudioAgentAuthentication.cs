using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.CopilotStudio;

namespace AiSpm.Core.Rules.CopilotStudio;

/// <summary>Copilot Studio agents authenticate their users (authentication mode other than None).</summary>
public sealed class CopilotStudioAgentAuthentication : CopilotAgentRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2041",
        Name = "CopilotStudio.AgentAuthentication",
        Title = "Copilot Studio agents authenticate their users",
        Severity = Severity.High,
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
        var evidence = new Dictionary<string, string> { ["authenticationmode"] = AuthenticationLabel(agent.AuthenticationMode) };
        return agent.AuthenticationMode switch
        {
            null => RuleCheck.Unknown($"Agent '{agent.Name}' reported no authentication mode."),
            0 => RuleCheck.Unknown($"Agent '{agent.Name}' has the authentication mode Unspecified; open it in Copilot Studio to see the effective setting."),
            1 => RuleCheck.Fail($"Agent '{agent.Name}' does not authenticate: anyone who reaches one of its channels can chat with it anonymously, and its tools run without knowing who asked.", evidence),
            _ => RuleCheck.Pass($"Agent '{agent.Name}' authenticates its users ({AuthenticationLabel(agent.AuthenticationMode)}).", evidence),
        };
    }
}
