namespace AiSpm.Core.Inventory.CopilotStudio;

/// <summary>
/// A tool of an agent: a connector action (<c>InvokeConnectorTaskAction</c>) or an MCP server
/// (<c>InvokeExternalAgentTaskAction</c> with Model Context Protocol metadata), from a <c>TaskDialog</c> component.
/// </summary>
/// <param name="Component">The component's name (or schema name).</param>
/// <param name="IsMcpServer">True for an MCP server tool.</param>
/// <param name="ConnectionReference">The connection reference's logical name, or null.</param>
/// <param name="UsesMakerCredentials">True when <c>connectionProperties.mode</c> is Maker, or not set (the schema's default is Maker).</param>
/// <param name="OperationId">The connector operation (for example <c>SendEmailV2</c>), or null.</param>
/// <param name="Inputs">The inputs the component sets.</param>
public sealed record AgentTool(string Component, bool IsMcpServer, string? ConnectionReference, bool UsesMakerCredentials, string? OperationId, IReadOnlyList<AgentToolInput> Inputs)
{
    /// <summary>
    /// The connector behind the connection reference (<c>connectionreferences.connectorid</c>, for example
    /// <c>/providers/Microsoft.PowerApps/apis/shared_office365</c>), or null when the reference was not read or not found.
    /// </summary>
    public string? Connector { get; init; }

    /// <summary>True when that connector is a custom connector of the environment (<c>_customconnectorid_value</c> set).</summary>
    public bool IsCustomConnector { get; init; }

    /// <summary>
    /// The endpoint a custom connector calls (<c>scheme://host/basePath</c> of its <c>openapidefinition</c>), or null
    /// (not a custom connector, not read, or a definition without a host).
    /// </summary>
    public Uri? Endpoint { get; init; }
}

/// <summary>An input of a tool: a fixed value the maker set (<c>ManualTaskInput</c>) or one the model fills at run time (<c>AutomaticTaskInput</c>).</summary>
/// <param name="Property">The property name (for example <c>emailMessage/To</c>).</param>
/// <param name="IsFixed">True for a value the maker fixed.</param>
/// <param name="Value">The fixed value, or null.</param>
public sealed record AgentToolInput(string Property, bool IsFixed, string? Value);
