using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.CopilotStudio;

namespace AiSpm.Core.Rules.CopilotStudio;

/// <summary>Copilot Studio agents ground on scoped sources: no public website search, no SharePoint tenant root.</summary>
public sealed class CopilotStudioBroadKnowledgeSource : CopilotAgentRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2051",
        Name = "CopilotStudio.BroadKnowledgeSource",
        Title = "Copilot Studio agents ground on named SharePoint sites and libraries, not the open web or a whole tenant",
        Severity = Severity.Medium,
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
        if (agent.KnowledgeSources.Count == 0)
        {
            return RuleCheck.NotApplicable($"Agent '{agent.Name}' has no knowledge sources.");
        }

        var broad = agent.KnowledgeSources.Select(k => (Source: k, Problem: Problem(k))).Where(p => p.Problem is not null).ToList();
        var evidence = new Dictionary<string, string> { ["knowledgeSources"] = string.Join("; ", agent.KnowledgeSources.Select(k => $"{k.Component}: {k.Kind} {k.Site ?? "(no site)"}")) };
        return broad.Count > 0
            ? RuleCheck.Fail($"Agent '{agent.Name}' grounds on {string.Join("; ", broad.Select(b => $"{b.Source.Component} ({b.Problem})"))}: answers draw on content nobody reviewed for it, and injected instructions ride along.", evidence)
            : RuleCheck.Pass($"Agent '{agent.Name}' grounds on {agent.KnowledgeSources.Count} scoped source(s).", evidence);
    }

    private static string? Problem(AgentKnowledgeSource source)
    {
        if (source.Kind == "PublicSiteSearchSource")
        {
            return $"public website {source.Site ?? "(any)"}";
        }

        if (source.Kind == "SharePointSearchSource" && source.Site is { } site && !site.TrimStart().StartsWith('=')
            && Uri.TryCreate(site.Trim(), UriKind.Absolute, out var uri) && uri.AbsolutePath.Trim('/').Length == 0)
        {
            return $"the SharePoint tenant root {uri.Host}";
        }

        return null;
    }
}
