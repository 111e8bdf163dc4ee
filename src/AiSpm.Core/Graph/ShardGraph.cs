using AiSpm.Core.Assets;
using AiSpm.Core.Findings;

namespace AiSpm.Core.Graph;

/// <summary>
/// What one shard of a full scan hands its run's close of the graph: the assets it recorded outside the tenant scope,
/// without their facts (the close reads the tenant's whole, from the store), and the edges of the relations the close
/// reads. The close of a run whose every shard handed its part evaluates the paths on these instead of listing the
/// asset and edge tables whole.
/// </summary>
/// <param name="Nodes">The assets: id, class, type, name, kind and location, no tags or facts.</param>
/// <param name="Edges">The edges of the relations asked for.</param>
public sealed record ShardGraph(IReadOnlyList<Asset> Nodes, IReadOnlyList<GraphEdge> Edges)
{
    /// <summary>Set on the part of the run's access shard, whose edges are the scan's role assignments and alerts; null on every other part.</summary>
    public ShardGraphAccess? Access { get; init; }

    /// <summary>
    /// The open findings of the shard's scopes that the close reads (the path rules' member rules), as the shard's
    /// recording left them and whole: those it saw. Null when the shard did not hand them (the close then queries the
    /// findings table).
    /// </summary>
    public IReadOnlyList<Finding>? OpenFindings { get; init; }

    /// <summary>
    /// The keys of the open findings of the shard's scopes, of the member rules and the path rules, that it did not see
    /// but left open (an undecided check; the attack paths, which the close records): the close reads those rows.
    /// Null exactly when <see cref="OpenFindings"/> is.
    /// </summary>
    public IReadOnlyList<FindingKey>? OpenKept { get; init; }

    /// <summary>
    /// The part of a shard's recorded <paramref name="assets"/> and <paramref name="edges"/> the close reads: the
    /// assets of scopes other than the tenant's, stripped to what a listing without facts holds, and the edges whose
    /// relation is one of <paramref name="relations"/>.
    /// </summary>
    public static ShardGraph Of(IEnumerable<Asset> assets, IEnumerable<GraphEdge> edges, IReadOnlySet<string> relations)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(relations);
        var nodes = assets
            .Where(a => a.Scope != FindingScope.Tenant)
            .GroupBy(a => a.ResourceId, StringComparer.OrdinalIgnoreCase).Select(g => g.Last())
            .Select(a => a with { Tags = new Dictionary<string, string>(), PropertiesJson = null })
            .ToList();
        return new ShardGraph(nodes, [.. edges.Where(e => relations.Contains(e.Relation))]);
    }
}
