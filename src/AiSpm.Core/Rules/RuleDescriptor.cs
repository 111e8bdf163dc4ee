using AiSpm.Core.Findings;

namespace AiSpm.Core.Rules;

/// <summary>
/// A rule's identity and metadata: a stable opaque id (<c>AISPM-1001</c>, never reused), a readable name
/// (<c>CognitiveServices.PublicNetworkAccess</c>), severity, category, the resource types it looks at, and framework
/// mappings. The long text (rationale, remediation with CLI and Bicep, links) lives in <c>docs/rules/&lt;id&gt;.md</c>.
/// </summary>
public sealed record RuleDescriptor
{
    /// <summary>Stable opaque id: <c>AISPM-</c> and four digits (1xxx Azure AI, 2xxx Entra and Microsoft 365, 3xxx credentials, 4xxx attack paths).</summary>
    public required string Id { get; init; }

    /// <summary>Readable dotted name: <c>Service.Check</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the rule expects, as a statement that is true when it passes.</summary>
    public required string Title { get; init; }

    /// <summary>Severity of a failure.</summary>
    public required Severity Severity { get; init; }

    /// <summary>One of <see cref="RuleCategory"/>.</summary>
    public required string Category { get; init; }

    /// <summary>The resource types evaluated (ARM types lower case, or <c>graph/…</c>).</summary>
    public required IReadOnlyList<string> ResourceTypes { get; init; }

    /// <summary>Framework controls this rule evidences.</summary>
    public required FrameworkMappings Frameworks { get; init; }

    /// <summary>
    /// True for controls Microsoft marks "enable if required" (customer-managed keys, SLA replicas, cost hygiene):
    /// only <c>AiSpm.Strict</c>, the framework baselines and policies that enable the rule evaluate it.
    /// </summary>
    public bool IfRequired { get; init; }

    /// <summary>The release that introduced the rule.</summary>
    public string Since { get; init; } = "0.1.0";
}
