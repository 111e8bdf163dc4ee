namespace AiSpm.Core.Inventory.CopilotStudio;

/// <summary>A knowledge source (<c>KnowledgeSourceConfiguration</c>): its source kind and site.</summary>
/// <param name="Component">The component's name.</param>
/// <param name="Kind">The source kind, for example <c>PublicSiteSearchSource</c> or <c>SharePointSearchSource</c>.</param>
/// <param name="Site">The site URL, or null.</param>
public sealed record AgentKnowledgeSource(string Component, string Kind, string? Site);
