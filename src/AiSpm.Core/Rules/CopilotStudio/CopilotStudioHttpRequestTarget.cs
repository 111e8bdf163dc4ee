using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.CopilotStudio;

namespace AiSpm.Core.Rules.CopilotStudio;

/// <summary>Copilot Studio HTTP request nodes call HTTPS endpoints by host name on port 443: no plain HTTP, no other port, no raw IP address.</summary>
public sealed class CopilotStudioHttpRequestTarget : CopilotAgentRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2044",
        Name = "CopilotStudio.HttpRequestTarget",
        Title = "Copilot Studio HTTP request nodes call HTTPS endpoints by name on the standard port",
        Severity = Severity.Medium,
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
        if (agent.HttpRequests.Count == 0)
        {
            return RuleCheck.NotApplicable($"Agent '{agent.Name}' has no HTTP request nodes.");
        }

        var risky = new List<string>();
        var computed = new List<string>();
        foreach (var request in agent.HttpRequests)
        {
            if (request.IsComputed)
            {
                computed.Add(request.Component);
            }
            else if (Problem(request.Url) is { } problem)
            {
                risky.Add($"{request.Component}: {request.Url} ({problem})");
            }
        }

        var evidence = new Dictionary<string, string> { ["requests"] = string.Join("; ", agent.HttpRequests.Select(r => $"{r.Component}: {r.Method ?? "GET"} {r.Url}")) };
        return risky.Count > 0
            ? RuleCheck.Fail($"Agent '{agent.Name}' sends HTTP requests {string.Join("; ", risky)}: conversation data can leave unencrypted or to hosts no firewall rule names.", evidence)
            : computed.Count > 0
                ? RuleCheck.Unknown($"Agent '{agent.Name}' computes the URL of {computed.Count} HTTP request(s) at run time ({string.Join(", ", computed)}); their targets cannot be checked before they run.")
                : RuleCheck.Pass($"Every HTTP request of agent '{agent.Name}' goes to an HTTPS host on port 443.", evidence);
    }

    private static string? Problem(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return "not an absolute URL";
        }

        return uri.Scheme != Uri.UriSchemeHttps ? $"{uri.Scheme}, not https"
            : uri.Port != 443 ? $"port {uri.Port}"
            : uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 ? "a raw IP address"
            : null;
    }
}
