using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.CopilotStudio;

namespace AiSpm.Core.Rules.CopilotStudio;

/// <summary>
/// The MCP servers Copilot Studio agents call through custom connectors run on domains the policy allows
/// (<c>mcpAllowedDomains</c>); MCP servers of certified connectors are governed by the connector catalogue and pass.
/// </summary>
public sealed class CopilotStudioMcpServerAllowedDomain : CopilotAgentRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2047",
        Name = "CopilotStudio.McpServerAllowedDomain",
        Title = "Copilot Studio MCP server tools run on allowed domains",
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
        var servers = agent.Tools.Where(t => t.IsMcpServer).ToList();
        if (servers.Count == 0)
        {
            return RuleCheck.NotApplicable($"Agent '{agent.Name}' has no MCP server tools.");
        }

        if (!agent.ConnectionsRead)
        {
            return RuleCheck.Unknown($"The connection references or custom connectors of agent '{agent.Name}''s environment were not read, so where its {servers.Count} MCP server tool(s) run is unknown.");
        }

        var settings = snapshot.Policy.Settings;
        var outside = new List<string>();
        var unresolved = new List<string>();
        foreach (var server in servers)
        {
            if (server.Connector is null)
            {
                unresolved.Add($"{server.Component} (connection reference '{server.ConnectionReference ?? "(none)"}' not found)");
            }
            else if (server.IsCustomConnector && server.Endpoint is null)
            {
                unresolved.Add($"{server.Component} (custom connector without a host in its definition)");
            }
            else if (server.Endpoint is { } endpoint && !settings.AllowsMcpHost(endpoint.Host))
            {
                outside.Add($"{server.Component}: {endpoint.GetLeftPart(UriPartial.Authority)}");
            }
        }

        var evidence = new Dictionary<string, string>
        {
            ["mcpServers"] = string.Join("; ", servers.Select(s => $"{s.Component}: {s.Endpoint?.AbsoluteUri ?? s.Connector ?? "(unresolved)"}{(s.IsCustomConnector ? " (custom connector)" : string.Empty)}")),
            ["mcpAllowedDomains"] = settings.McpAllowedDomains.Count == 0 ? "(none)" : string.Join(", ", settings.McpAllowedDomains),
        };
        return outside.Count > 0
            ? RuleCheck.Fail($"Agent '{agent.Name}' calls MCP servers outside the allowed domains: {string.Join("; ", outside)}. Whatever the model passes to their tools, conversation and grounded data included, leaves for that host.", evidence)
            : unresolved.Count > 0
                ? RuleCheck.Unknown($"Agent '{agent.Name}' has MCP server tools whose endpoint could not be resolved: {string.Join("; ", unresolved)}.")
                : RuleCheck.Pass($"Every MCP server tool of agent '{agent.Name}' runs on an allowed domain or behind a certified connector.", evidence);
    }
}
