namespace AiSpm.Connectors.Persistence;

/// <summary>The tables AiSpm keeps (see docs/storage.md). A prefix lets several installations share an account.</summary>
/// <param name="Prefix">Letters and digits put before every table name; empty by default.</param>
public sealed record AiSpmTables(string Prefix = "")
{
    /// <summary>Findings with their lifecycle.</summary>
    public string Findings => Prefix + "Findings";

    /// <summary>The AI inventory.</summary>
    public string Assets => Prefix + "Assets";

    /// <summary>
    /// Relationships between assets (the graph attack paths are found on). Named <c>GraphEdges</c> since the edges are
    /// spread over hash buckets; the earlier <c>Edges</c> table (one partition per source node) is no longer read.
    /// </summary>
    public string Edges => Prefix + "GraphEdges";

    /// <summary>Scan runs and their fan-in state.</summary>
    public string ScanRuns => Prefix + "ScanRuns";

    /// <summary>Accepted risks.</summary>
    public string Suppressions => Prefix + "Suppressions";

    /// <summary>The hash-chained audit log.</summary>
    public string Audit => Prefix + "Audit";

    /// <summary>Progress of key rotations, one row per exposure.</summary>
    public string Rotations => Prefix + "Rotations";

    /// <summary>What was notified (Teams cards sent per finding and state, digests).</summary>
    public string Notifications => Prefix + "Notifications";

    /// <summary>Administrators' imports of the delegated-only Copilot admin settings and catalogue.</summary>
    public string CopilotAdminImports => Prefix + "CopilotAdminImports";

    /// <summary>What each shard of a full scan recorded of the graph, kept for its run's close (the latest run's only).</summary>
    public string ShardGraphs => Prefix + "ShardGraphs";

    /// <summary>All of them.</summary>
    public IReadOnlyList<string> All => [Findings, Assets, Edges, ScanRuns, Suppressions, Audit, Rotations, Notifications, CopilotAdminImports, ShardGraphs];
}
