using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.CopilotStudio;

namespace AiSpm.Core.Rules.CopilotStudio;

/// <summary>Copilot Studio agent tools (connector actions, MCP servers) run with the end user's credentials (connection mode Invoker), not the maker's.</summary>
public sealed class CopilotStudioToolMakerCredentials : CopilotAgentRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2043",
        Name = "CopilotStudio.ToolMakerCredentials",
        Title = "Copilot Studio agent tools act with the user's credentials, not the maker's",
        Severity = Severity.High,
        Category = RuleCategory.Copilot,
        ResourceTypes = ["powerplatform/bots"],
        Frameworks = CopilotStudioFrameworks.Exfiltration,
        Since = "0.9.0",
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override bool ReadsComponents => true;

    /// <inheritdoc />
    protected override RuleCheck Check(CopilotAgent agent, PostureSnapshot snapshot)
    {
        if (agent.Tools.Count == 0)
        {
            return RuleCheck.NotApplicable($"Agent '{agent.Name}' has no connector or MCP server tools.");
        }

        var maker = agent.Tools.Where(t => t.UsesMakerCredentials).ToList();
        var evidence = new Dictionary<string, string> { ["tools"] = string.Join(", ", agent.Tools.Select(t => $"{t.Component} ({(t.UsesMakerCredentials ? "Maker" : "Invoker")})")) };
        return maker.Count > 0
            ? RuleCheck.Fail($"Agent '{agent.Name}' runs {maker.Count} tool(s) with its maker's connection ({string.Join(", ", maker.Select(t => t.Component))}): every user acts with the maker's access to that service.", evidence)
            : RuleCheck.Pass($"Every tool of agent '{agent.Name}' uses the end user's own connection.", evidence);
    }
}
