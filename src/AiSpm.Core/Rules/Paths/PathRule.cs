using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AiSpm.Core.Findings;
using AiSpm.Core.Graph;

namespace AiSpm.Core.Rules.Paths;

/// <summary>
/// An attack-path rule (AISPM-4xxx): evaluated on the installation's <see cref="SecurityGraph"/> after the
/// per-resource rules, it joins their open findings along edges into a chain. A complete chain is one finding on the
/// chain's target naming every hop and member finding; its severity is the chain's highest, raised one level when
/// the chain crosses from the internet to data or to Tier-0. Without a graph (a scan shard) it yields nothing.
/// </summary>
public abstract class PathRule : IRule
{
    /// <summary>The id prefix of path rules.</summary>
    public const string IdPrefix = "AISPM-4";

    /// <inheritdoc />
    public abstract RuleDescriptor Descriptor { get; }

    /// <summary>
    /// The per-resource rules whose open findings this rule joins, and the only ones it may read from the graph: the
    /// close reads just these rules' open findings, and asking the graph for another is an error.
    /// </summary>
    public abstract IReadOnlyCollection<string> MemberRules { get; }

    /// <summary>
    /// The edge relations this rule walks (<see cref="EdgeRelations"/>), and the only ones it sees: the close reads
    /// just the relations the path rules declare (a tenant's many <c>granted</c> edges are not among them), and asking
    /// the graph for another relation is an error. <see cref="EdgeRelations.Alert"/>, which every path is checked
    /// against, need not be declared.
    /// </summary>
    public abstract IReadOnlyCollection<string> Relations { get; }

    /// <summary>The relations the close reads for the path rules: every relation one of <paramref name="rules"/> declares, and alerts.</summary>
    public static IReadOnlySet<string> RelationsOf(IEnumerable<PathRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.SelectMany(r => r.Relations).Append(EdgeRelations.Alert).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>True for the id of a path rule.</summary>
    public static bool IsPathRule(string ruleId) => ruleId?.StartsWith(IdPrefix, StringComparison.Ordinal) == true;

    /// <inheritdoc />
    public IEnumerable<RuleResult> Evaluate(PostureSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Graph is { } whole && whole.ReadingOnly(MemberRules, [.. Relations, EdgeRelations.Alert]) is var graph
            ? Evaluate(graph).Select(result => result.Outcome == RuleOutcome.Fail ? WithAlerts(result, graph) : result)
            : [];
    }

    /// <summary>
    /// A path through a resource Defender for Cloud has an active AI alert on is being walked, or tried, now: one level
    /// up (at most Critical), and the finding names the alerts.
    /// </summary>
    private static RuleResult WithAlerts(RuleResult path, SecurityGraph graph)
    {
        var alerts = PathEvidence.Read(path.Evidence)
            .SelectMany((hop, i) => graph.Out(hop.NodeId, EdgeRelations.Alert).Select(alert => (Node: hop.NodeId, Hop: i + 1, Alert: alert)))
            .ToList();
        if (alerts.Count == 0)
        {
            return path;
        }

        var evidence = new Dictionary<string, string>(path.Evidence, StringComparer.Ordinal)
        {
            [PathEvidence.Alerts] = string.Join("; ", alerts.Select(a => $"{a.Alert.Label} on {NameOf(a.Node)} ({a.Alert.To})")),
            [PathEvidence.AlertedHops] = string.Join(", ", alerts.Select(a => a.Hop).Distinct().Order()),
        };
        var severity = path.Severity ?? path.Rule.Severity;
        return path with
        {
            Severity = severity < Severity.Critical ? severity + 1 : severity,
            Message = path.Message + $" Defender for Cloud has an active alert on this path: {string.Join("; ", alerts.Select(a => $"'{a.Alert.Label}' on {NameOf(a.Node)}").Distinct())}.",
            Evidence = evidence,
        };
    }

    /// <summary>Every candidate chain's conclusion: Fail with the path, Pass naming the missing link, Unknown when a hop was not collected.</summary>
    protected abstract IEnumerable<RuleResult> Evaluate(SecurityGraph graph);

    /// <summary>A complete path ending at <paramref name="target"/>.</summary>
    /// <param name="target">The node the finding is about (the asset at risk).</param>
    /// <param name="hops">The chain, first hop first.</param>
    /// <param name="crossesToData">The chain goes from the internet to data or to Tier-0 (severity one level up).</param>
    /// <param name="summary">What the path lets an attacker do, in one sentence.</param>
    protected RuleResult Path(string target, IReadOnlyList<PathHop> hops, bool crossesToData, string summary)
    {
        ArgumentNullException.ThrowIfNull(hops);
        var members = hops.SelectMany(h => h.Findings).ToList();
        var highest = members.Count == 0 ? Descriptor.Severity : members.Max(f => f.Severity);
        var severity = crossesToData && highest < Severity.Critical ? highest + 1 : highest;
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["path.hops"] = hops.Count.ToString(CultureInfo.InvariantCulture),
            ["path.crossesToData"] = crossesToData ? "true" : "false",
        };
        for (var i = 0; i < hops.Count; i++)
        {
            var hop = hops[i];
            evidence[PathEvidence.Key(i + 1)] = hop.NodeId;
            if (hop.Name is { } name)
            {
                evidence[PathEvidence.Key(i + 1, "name")] = name;
            }

            if (hop.Via is { } via)
            {
                evidence[PathEvidence.Key(i + 1, "via")] = $"{via.Relation}: {via.Evidence}";
            }

            if (hop.Findings.Count > 0)
            {
                evidence[PathEvidence.Key(i + 1, "findings")] = string.Join(", ", hop.Findings.Select(f => $"{f.Key.RuleId} {f.Key.Id}"));
            }
        }

        var chain = string.Join(" → ", hops.Select(h => (h.Name ?? NameOf(h.NodeId)) + (h.Findings.Count > 0 ? $" [{string.Join(", ", h.Findings.Select(f => f.Key.RuleId).Distinct())}]" : string.Empty)));
        return new RuleResult(Descriptor, target, RuleOutcome.Fail, $"{summary} Path: {chain}.", SubKeyOf(hops), evidence) { Severity = severity };
    }

    /// <summary>No path from this candidate, and why.</summary>
    protected RuleResult NoPath(string target, string why, IReadOnlyList<PathHop> hops) =>
        new(Descriptor, target, RuleOutcome.Pass, why, SubKeyOf(hops), new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>A hop of the candidate was not collected: the path cannot be decided.</summary>
    protected RuleResult Undecided(string target, string why, IReadOnlyList<PathHop> hops) =>
        new(Descriptor, target, RuleOutcome.Unknown, why, SubKeyOf(hops), new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>
    /// The exposed-key paths into one kind of target: a consumer holding a key (open AISPM-3001) of a target under
    /// <paramref name="targetProvider"/> that both accepts keys and is reachable from the internet (open findings of
    /// <paramref name="keyAuth"/> and <paramref name="publicAccess"/>). The chain reaches the target's data.
    /// </summary>
    protected IEnumerable<RuleResult> ExposedKeyPaths(SecurityGraph graph, string targetProvider, string noun, string[] publicAccess, string[] keyAuth, Func<GraphEdge, string> summary)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(summary);
        foreach (var edge in graph.Edges.Where(e => e.Relation == EdgeRelations.ConsumesKeyOf && e.To.Contains(targetProvider, StringComparison.OrdinalIgnoreCase)))
        {
            var consumer = new PathHop(edge.From, null, [.. graph.Findings(edge.From, PathExposedKeyToPublicAccount.ExposedKey)]);
            var target = new PathHop(edge.To, edge, [.. graph.Findings(edge.To, publicAccess), .. graph.Findings(edge.To, keyAuth)]);
            PathHop[] hops = [consumer, target];
            if (graph.Node(edge.To) is null)
            {
                yield return Undecided(edge.To, $"The {noun} '{NameOf(edge.To)}' whose key '{NameOf(edge.From)}' holds was not collected.", hops);
            }
            else if (consumer.Findings.Count == 0)
            {
                yield return NoPath(edge.To, $"The key '{NameOf(edge.From)}' held is no longer an open exposure.", hops);
            }
            else if (graph.Finding(edge.To, publicAccess) is null || graph.Finding(edge.To, keyAuth) is null)
            {
                yield return NoPath(edge.To, $"'{NameOf(edge.To)}' {(graph.Finding(edge.To, publicAccess) is null ? "is not reachable from the internet" : "does not accept keys")}, so the key exposed in '{NameOf(edge.From)}' cannot be used from anywhere.", hops);
            }
            else
            {
                yield return Path(edge.To, hops, crossesToData: true, summary(edge));
            }
        }
    }

    /// <summary>The last segment of a node id, for messages.</summary>
    protected static string NameOf(string nodeId)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        var trimmed = nodeId.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    /// <summary>The same chain gives the same sub-key across runs, so its finding keeps its id and lifecycle.</summary>
    private static string SubKeyOf(IReadOnlyList<PathHop> hops) =>
        "path-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', hops.Select(h => h.NodeId.ToLowerInvariant())))))[..16];
}
