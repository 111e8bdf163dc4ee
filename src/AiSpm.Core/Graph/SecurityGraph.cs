using AiSpm.Core.Assets;
using AiSpm.Core.Findings;

namespace AiSpm.Core.Graph;

/// <summary>
/// The installation's assets, the edges between them and the open findings on them, indexed for path rules: a
/// node's edges out and in by relation, and its open findings by rule. An edge may name a node that was not
/// collected (a user, a permission's resource); <see cref="Node"/> is then null.
/// </summary>
public sealed class SecurityGraph
{
    private readonly Dictionary<string, Asset> _nodes;
    private readonly ILookup<string, GraphEdge> _out;
    private readonly ILookup<string, GraphEdge> _in;
    private readonly ILookup<string, Finding> _findings;

    /// <summary>The rules whose findings may be read, or null for any.</summary>
    private readonly HashSet<string>? _readable;

    /// <summary>The relations whose edges may be read, or null for any.</summary>
    private readonly HashSet<string>? _relations;

    /// <summary>Indexes the graph.</summary>
    public SecurityGraph(IEnumerable<Asset> nodes, IEnumerable<GraphEdge> edges, IEnumerable<Finding> openFindings)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(openFindings);
        _nodes = new Dictionary<string, Asset>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in nodes)
        {
            _nodes[node.ResourceId] = node;
        }

        Edges = [.. edges.Distinct(GraphEdgeComparer.Instance)];
        _out = Edges.ToLookup(e => e.From, StringComparer.OrdinalIgnoreCase);
        _in = Edges.ToLookup(e => e.To, StringComparer.OrdinalIgnoreCase);
        _findings = openFindings.ToLookup(f => f.Key.ResourceId, StringComparer.OrdinalIgnoreCase);
    }

    private SecurityGraph(SecurityGraph whole, HashSet<string> readable, HashSet<string>? relations)
    {
        _nodes = whole._nodes;
        _out = whole._out;
        _in = whole._in;
        _findings = whole._findings;
        Edges = relations is null ? whole.Edges : [.. whole.Edges.Where(e => relations.Contains(e.Relation))];
        _readable = readable;
        _relations = relations;
    }

    /// <summary>
    /// The graph of one snapshot holding everything (a one-shot scan, a fixture): its assets of every class, its edges
    /// and <paramref name="openFindings"/>, the failures of the per-resource rules on it.
    /// </summary>
    /// <param name="snapshot">The scan's data.</param>
    /// <param name="openFindings">The failures of the per-resource rules.</param>
    /// <param name="moreEdges">Edges read apart from the snapshot (role assignments).</param>
    public static SecurityGraph Of(Rules.PostureSnapshot snapshot, IEnumerable<Finding> openFindings, IEnumerable<GraphEdge>? moreEdges = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        // Path rules read only ids, names and types of Azure resources: their facts are not serialised here.
        var nodes = InventoryAssets.Of(snapshot.Azure, withFacts: false).Concat(InventoryAssets.Of(snapshot.Directory)).Concat(InventoryAssets.Of(snapshot.Credentials));
        return new SecurityGraph(nodes, GraphEdges.Of(snapshot).Concat(moreEdges ?? []), openFindings);
    }

    /// <summary>The object ids of the managed identities AI resources run as (the principals whose Azure roles matter to paths).</summary>
    public static IReadOnlySet<string> IdentityPrincipals(IEnumerable<GraphEdge> edges) => edges
        .Where(e => e.Relation == EdgeRelations.HasIdentity)
        .Select(e => e.To[(e.To.LastIndexOf('/') + 1)..])
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>An empty graph.</summary>
    public static SecurityGraph Empty { get; } = new([], [], []);

    /// <summary>Every node.</summary>
    public IEnumerable<Asset> Nodes => _nodes.Values;

    /// <summary>Every edge, once.</summary>
    public IReadOnlyList<GraphEdge> Edges { get; }

    /// <summary>The asset with this id, or null when it was not collected.</summary>
    public Asset? Node(string id) => _nodes.GetValueOrDefault(id);

    /// <summary>Edges from <paramref name="id"/> of one relation.</summary>
    /// <exception cref="InvalidOperationException">The relation is outside those this view may read (<see cref="ReadingOnly"/>).</exception>
    public IEnumerable<GraphEdge> Out(string id, string relation)
    {
        EnsureReadable(relation);
        return _out[id].Where(e => e.Relation == relation);
    }

    /// <summary>Edges into <paramref name="id"/> of one relation.</summary>
    /// <exception cref="InvalidOperationException">The relation is outside those this view may read (<see cref="ReadingOnly"/>).</exception>
    public IEnumerable<GraphEdge> In(string id, string relation)
    {
        EnsureReadable(relation);
        return _in[id].Where(e => e.Relation == relation);
    }

    /// <summary>
    /// The same graph, whose open findings may be read only for <paramref name="ruleIds"/> and, when
    /// <paramref name="relations"/> is given, whose edges only of those relations: a path rule sees it through what it
    /// declares, since the close reads no other rules' findings and no other relations' edges.
    /// </summary>
    public SecurityGraph ReadingOnly(IEnumerable<string> ruleIds, IEnumerable<string>? relations = null)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        return new SecurityGraph(this, ruleIds.ToHashSet(StringComparer.Ordinal), relations?.ToHashSet(StringComparer.Ordinal));
    }

    private void EnsureReadable(string relation)
    {
        if (_relations is not null && !_relations.Contains(relation))
        {
            throw new InvalidOperationException($"The edges of '{relation}' were asked for, but the path rule does not declare the relation.");
        }
    }

    /// <summary>The open findings on <paramref name="id"/> of any of <paramref name="ruleIds"/>.</summary>
    /// <exception cref="InvalidOperationException">A rule id is outside the rules this view may read (<see cref="ReadingOnly"/>).</exception>
    public IEnumerable<Finding> Findings(string id, params string[] ruleIds)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        if (_readable is not null && ruleIds.FirstOrDefault(r => !_readable.Contains(r)) is { } undeclared)
        {
            throw new InvalidOperationException($"The findings of {undeclared} were asked for, but the path rule does not declare it among its member rules.");
        }

        return _findings[id].Where(f => ruleIds.Contains(f.Key.RuleId, StringComparer.Ordinal));
    }

    /// <summary>The first open finding on <paramref name="id"/> of any of <paramref name="ruleIds"/>, or null.</summary>
    public Finding? Finding(string id, params string[] ruleIds) => Findings(id, ruleIds).FirstOrDefault();
}
