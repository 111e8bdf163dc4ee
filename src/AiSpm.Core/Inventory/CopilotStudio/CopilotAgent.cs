namespace AiSpm.Core.Inventory.CopilotStudio;

/// <summary>
/// A Copilot Studio agent (Dataverse <c>bots</c> row) with what its components (<c>botcomponents</c>) say: tools,
/// HTTP requests, knowledge sources, instructions, and credentials written into them. Choice columns keep their
/// Dataverse values (documented on the <c>bot</c> table); a column the answer lacks is null.
/// </summary>
public sealed record CopilotAgent
{
    /// <summary>The environment.</summary>
    public required string EnvironmentId { get; init; }

    /// <summary>The botid.</summary>
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    public required string Name { get; init; }

    /// <summary>The schema name, or null.</summary>
    public string? SchemaName { get; init; }

    /// <summary><c>authenticationmode</c>: 0 Unspecified, 1 None, 2 Integrated, 3 Custom Azure Active Directory, 4 Generic OAuth2.</summary>
    public int? AuthenticationMode { get; init; }

    /// <summary><c>authenticationtrigger</c>: 0 As Needed, 1 Always.</summary>
    public int? AuthenticationTrigger { get; init; }

    /// <summary><c>accesscontrolpolicy</c>: 0 Any, 1 Copilot readers, 2 Group membership, 3 Any (multi-tenant).</summary>
    public int? AccessControlPolicy { get; init; }

    /// <summary><c>authorizedsecuritygroupids</c>, split.</summary>
    public IReadOnlyList<string> AuthorizedGroups { get; init; } = [];

    /// <summary><c>statecode</c>: 0 Active, 1 Inactive.</summary>
    public int? State { get; init; }

    /// <summary>When it was last published, or null (never, or not read).</summary>
    public DateTimeOffset? PublishedOn { get; init; }

    /// <summary>When it was last modified, or null.</summary>
    public DateTimeOffset? ModifiedOn { get; init; }

    /// <summary>The owner, or null when the owner is a team or was not read.</summary>
    public AgentOwner? Owner { get; init; }

    /// <summary>True when the components were read (a failed components read leaves the component checks Unknown).</summary>
    public bool ComponentsRead { get; init; }

    /// <summary>True when a <c>GptComponentMetadata</c> component (the agent's definition) was found.</summary>
    public bool HasDefinition { get; init; }

    /// <summary>The agent's instructions, or null (absent, or no definition).</summary>
    public string? Instructions { get; init; }

    /// <summary>True when the environment's connection references (and its custom connectors, when referenced) were read, so tools name their connector and endpoint.</summary>
    public bool ConnectionsRead { get; init; }

    /// <summary>Connector and MCP server tools.</summary>
    public IReadOnlyList<AgentTool> Tools { get; init; } = [];

    /// <summary>HTTP request nodes.</summary>
    public IReadOnlyList<AgentHttpRequest> HttpRequests { get; init; } = [];

    /// <summary>Knowledge sources.</summary>
    public IReadOnlyList<AgentKnowledgeSource> KnowledgeSources { get; init; } = [];

    /// <summary>Credentials written into its content (fingerprint and hint only).</summary>
    public IReadOnlyList<AgentSecret> Secrets { get; init; } = [];

    /// <summary>The finding's resource id: the agent's path under its environment.</summary>
    public string ResourceId => $"powerplatform:/environments/{EnvironmentId}/bots/{Id}";
}
