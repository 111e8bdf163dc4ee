using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.CopilotStudio;

namespace AiSpm.Core.Rules.CopilotStudio;

/// <summary>Copilot Studio agents with a generative definition carry instructions (a system prompt) that state their scope and limits.</summary>
public sealed class CopilotStudioAgentInstructions : CopilotAgentRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2048",
        Name = "CopilotStudio.AgentInstructions",
        Title = "Copilot Studio agents carry instructions that steer the model",
        Severity = Severity.Low,
        Category = RuleCategory.Copilot,
        ResourceTypes = ["powerplatform/bots"],
        Frameworks = CopilotStudioFrameworks.Grounding,
        Since = "0.9.0",
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override bool ReadsComponents => true;

    /// <inheritdoc />
    protected override RuleCheck Check(CopilotAgent agent, PostureSnapshot snapshot)
    {
        if (!agent.HasDefinition)
        {
            return RuleCheck.NotApplicable($"Agent '{agent.Name}' has no generative definition (a classic, topic-only agent).");
        }

        return string.IsNullOrWhiteSpace(agent.Instructions)
            ? RuleCheck.Fail($"Agent '{agent.Name}' has no instructions: the model answers and picks tools with nothing stating what the agent is for or must refuse.")
            : RuleCheck.Pass($"Agent '{agent.Name}' carries instructions ({agent.Instructions!.Length} characters).", new Dictionary<string, string> { ["instructionsLength"] = agent.Instructions.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }
}
