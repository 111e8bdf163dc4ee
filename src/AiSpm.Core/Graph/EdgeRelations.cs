namespace AiSpm.Core.Graph;

/// <summary>The relationships between assets, as stored and shown (docs/graph.md).</summary>
public static class EdgeRelations
{
    /// <summary>A resource's settings hold a key of an AI account or search service (from key attribution).</summary>
    public const string ConsumesKeyOf = "consumes-key-of";

    /// <summary>A resource's settings name the endpoint of an AI account or search service it calls (with its identity, or a key held elsewhere); the label is the host.</summary>
    public const string CallsEndpoint = "calls-endpoint";

    /// <summary>A resource contains another (account → deployment, workspace → compute).</summary>
    public const string Contains = "contains";

    /// <summary>A model deployment is filtered by a custom content-filter (RAI) policy of its account.</summary>
    public const string FilteredBy = "filtered-by";

    /// <summary>A resource runs as a managed identity (→ the identity's service principal).</summary>
    public const string HasIdentity = "has-identity";

    /// <summary>An identity holds an Azure role on a scope.</summary>
    public const string RoleOn = "role-on";

    /// <summary>A service principal holds a permission on a resource API (→ the resource's service principal; the label names the permission).</summary>
    public const string Granted = "granted";

    /// <summary>Defender for Cloud raised an active AI threat-protection alert on a resource (→ the alert; the label names it).</summary>
    public const string Alert = "alert";

    /// <summary>An app or service principal is owned by a user or another principal, who can add credentials to it (the label names the owner).</summary>
    public const string OwnedBy = "owned-by";

    /// <summary>An agent identity was issued by an agent identity blueprint (→ the blueprint's app registration), whose credentials act for it.</summary>
    public const string InstanceOf = "instance-of";

    /// <summary>A service principal is the local instance of an app registered in this tenant.</summary>
    public const string RegisteredAs = "registered-as";

    /// <summary>A connection, datastore or AI Search data source reads data from a target (storage account, search service, another AI service; the label names the container or the connection's category), or an indexer reads its data source (the label names the index it fills).</summary>
    public const string GroundedOn = "grounded-on";

    /// <summary>A Copilot Studio agent's tool runs through a Power Platform connector (→ the connector; the label names the tool).</summary>
    public const string UsesConnector = "uses-connector";

    /// <summary>Every relation.</summary>
    public static IReadOnlyList<string> All { get; } = [ConsumesKeyOf, CallsEndpoint, Contains, FilteredBy, HasIdentity, RoleOn, Granted, OwnedBy, RegisteredAs, InstanceOf, Alert, GroundedOn, UsesConnector];
}
