using System.Collections.Immutable;
using AiSpm.Connectors.Collection;
using AiSpm.Core.Assets;
using AiSpm.Core.Findings;
using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.Access;
using AiSpm.Core.Ports;
using AiSpm.Core.Rules;
using AiSpm.Core.Rules.Paths;
using AiSpm.Core.Scans;
using Microsoft.Extensions.Logging;

namespace AiSpm.Application.Scanning;

/// <summary>
/// Decides the attack paths (AISPM-4xxx) when a run closes. After a full scan: the whole graph — every asset, the
/// edges the run saw and the open findings of the rules the path rules join — goes through the path rules; paths found are recorded, open paths not
/// found again are resolved (an undecided one stays open). After an event (one resource re-scanned): only the open
/// paths through that resource are re-checked, and one whose member finding is no longer open is resolved, so an
/// event's cost does not grow with the tenant.
/// </summary>
/// <param name="findings">The findings store.</param>
/// <param name="assets">The asset store.</param>
/// <param name="edges">The edge store.</param>
/// <param name="rules">The rules (their path rules decide).</param>
/// <param name="logger">Where the stages are logged.</param>
/// <param name="tables">Resource Graph, for the roles and alerts the close queries when no access shard handed them.</param>
/// <param name="shardGraphs">The parts of the graph (and of the open findings) the shards handed the close.</param>
/// <param name="amendedAtClose">Rules whose findings the close amends before the paths (cross-scope key attribution): read from the store, not from the parts.</param>
public sealed partial class AttackPathEvaluator(IFindingStore findings, IAssetStore assets, IEdgeStore edges, RuleCatalog? rules = null, ILogger? logger = null, ResourceGraphEdgeCollector? tables = null, IShardGraphStore? shardGraphs = null,
    IReadOnlySet<string>? amendedAtClose = null)
{
    /// <summary>The most open findings a close reads row by row from what the shards left open unseen; beyond, it queries the table.</summary>
    private const int MaxKeptReads = 2_000;

    /// <summary>Relations read afresh at every full scan's close (Resource Graph's role assignments and alerts), whatever their age in the store.</summary>
    private static readonly IReadOnlySet<string> ReadEachScan = AccessEdgeRefresh.Relations;

    private readonly RuleCatalog _rules = rules ?? RuleCatalog.Default;
    private readonly ILogger _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Evaluates or re-checks the paths for <paramref name="run"/>; returns how many paths are open and how many were resolved, and what each stage took.</summary>
    public async Task<AttackPathEvaluation> EvaluateAsync(ScanRun run, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.TargetResourceId is { } target
            ? await RecheckThroughAsync(run.RunId, target, now, cancellationToken).ConfigureAwait(false)
            : await EvaluateAllAsync(run, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AttackPathEvaluation> EvaluateAllAsync(ScanRun run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stages = new StageClock();
        // The three reads are independent: assets, the edges the run saw (when a shard failed its edges were not
        // refreshed, so the older ones stand in), and the open findings.
        // Path rules read the ids, names, types and classes of Azure assets, not their facts; the tenant scope (apps,
        // agents, identities: facts the Entra paths read, and the identities to compare with what they are now) is
        // read whole.
        var tenantRead = assets.ListAsync(FindingScope.Tenant, withFacts: true, cancellationToken).ToListAsync(cancellationToken).AsTask();
        // Only the relations the path rules walk, those the close itself reads (endpoints to resolve, the identities whose
        // roles are queried) and those it refreshes (roles, alerts): not the many permission grants of the tenant's apps.
        // The roles and alerts, queried afresh below, are read from the store only if they changed.
        // Containment is read off the assets' ids (every child under its parent, as the shards recorded it), not read back.
        var relations = tables is null ? ClosingRelations(_rules).Except([EdgeRelations.Contains]).ToHashSet(StringComparer.Ordinal) : StoredRelationsRead(_rules);
        // The open findings the paths join come from the shards' parts when every shard handed them; otherwise (or when
        // no part can be used) from the table, read beside the graph.
        var findingsRead = ReadsParts(run) ? null : ReadOpenFindingsAsync(cancellationToken);
        var (azureNodes, graphEdges, from, handedAccess, parts) = await ReadGraphAsync(run, relations, cancellationToken).ConfigureAwait(false);
        findingsRead ??= parts is not null && parts.All(p => p.OpenFindings is not null && p.OpenKept is not null)
            && parts.Sum(p => p.OpenKept!.Count(k => !PathRule.IsPathRule(k.RuleId))) <= MaxKeptReads
            ? OpenFindingsHandedAsync(parts, cancellationToken)
            : ReadOpenFindingsAsync(cancellationToken);
        var tenant = await tenantRead.ConfigureAwait(false);
        var nodes = azureNodes.Concat(tenant).ToList();
        graphEdges.AddRange(GraphEdges.ContainmentOf(nodes));
        stages.Lap($"read assets and edges ({from})");
        graphEdges = await ResolveEndpointsAsync(run.RunId, graphEdges, now, cancellationToken).ConfigureAwait(false);
        stages.Lap("resolve endpoints");
        var writes = new List<Task>();
        if (tables is not null)
        {
            // Once per scan: the Azure roles and the active Defender AI alerts in the subscriptions the inventory spans.
            // The run's access shard read them and refreshed the store while the other shards ran; without its part the
            // close does so itself. The graph keeps the roles of the identities AI resources run as and of whoever
            // holds a role on an AI resource.
            var kept = graphEdges.Where(e => !ReadEachScan.Contains(e.Relation)).ToList();
            var selection = new RoleAssignmentSelection(SecurityGraph.IdentityPrincipals(kept), AiResourceIds(nodes));
            IReadOnlyList<GraphEdge> access;
            bool rolesComplete;
            if (handedAccess is { } handed)
            {
                (access, rolesComplete) = handed;
            }
            else
            {
                var subscriptions = nodes.Select(n => Core.Inventory.AzureAi.ArmId.SubscriptionOf(n.ResourceId)).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var refreshed = await new AccessEdgeRefresh(edges, tables, _logger).RefreshAsync(run.RunId, subscriptions, now, cancellationToken).ConfigureAwait(false);
                writes.Add(refreshed.Writes);
                (access, rolesComplete) = (refreshed.Edges, refreshed.RolesComplete);
                stages.Lap("query roles and alerts");
            }

            graphEdges = [.. kept, .. access.Where(selection.Keeps)];

            // The identities AI resources run as and the service principals holding roles on AI resources join the
            // inventory with those roles; a principal already listed as another kind (an AI app) stays that kind.
            // Written while the paths are decided, and only those that changed; those no longer there are removed
            // unless the role query failed.
            var otherKinds = nodes.Where(n => n.Class != AssetClass.Identity).Select(n => n.ResourceId).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var identities = InventoryAssets.Identities(graphEdges, selection.IsOnAiResource).Where(a => !otherKinds.Contains(a.ResourceId)).ToList();
            var listed = tenant.Where(n => n.Class == AssetClass.Identity).ToDictionary(n => n.ResourceId, StringComparer.OrdinalIgnoreCase);
            writes.Add(assets.RecordAsync(run.RunId, [.. identities.Where(a => !listed.TryGetValue(a.ResourceId, out var was) || was.Name != a.Name || was.Type != a.Type || was.PropertiesJson != a.PropertiesJson)], now, cancellationToken));
            if (rolesComplete)
            {
                var still = identities.Select(a => a.ResourceId).ToHashSet(StringComparer.OrdinalIgnoreCase);
                writes.Add(assets.RemoveAsync([.. listed.Values.Where(a => !still.Contains(a.ResourceId))], cancellationToken));
            }
        }

        var (open, openPaths, findingsFrom) = await findingsRead.ConfigureAwait(false);
        stages.Lap($"read open findings ({open.Count:N0} and {openPaths.Count:N0} paths, {findingsFrom})");
        var graph = new SecurityGraph(nodes, graphEdges, open);
        var found = new List<Finding>();
        var undecided = new HashSet<string>(StringComparer.Ordinal);
        _rules.Evaluate(new PostureSnapshot { Graph = graph, EvaluatedAt = now }, result =>
        {
            if (result.Outcome == RuleOutcome.Fail)
            {
                found.Add(result.ToFinding());
            }
            else if (result.Outcome is RuleOutcome.Unknown or RuleOutcome.Error)
            {
                undecided.Add(new FindingKey(result.Rule.Id, result.ResourceId, result.SubKey).Id);
                if (result.Outcome == RuleOutcome.Error)
                {
                    LogPathRuleFailed(_logger, result.Rule.Id, result.Message);
                }
            }
        }, rule => rule is PathRule);
        stages.Lap("evaluate path rules");
        writes.Add(findings.RecordAsync(run.RunId, found, now, cancellationToken));
        await Task.WhenAll(writes).ConfigureAwait(false);
        stages.Lap("record paths, role and alert edges, identities");
        foreach (var severity in found.GroupBy(f => f.Severity))
        {
            Connectors.Diagnostics.AiSpmTelemetry.FindingsObserved.Add(severity.Count(), new KeyValuePair<string, object?>("severity", severity.Key.ToString()), new KeyValuePair<string, object?>("aispm.run_id", run.RunId));
        }

        // Only the scopes holding an open path that was neither found again nor left undecided need resolving: in a
        // tenant whose paths did not change, nothing is queried.
        var foundIds = found.Select(f => f.Key.Id).ToHashSet(StringComparer.Ordinal);
        var resolved = 0;
        foreach (var scope in openPaths.Where(p => !foundIds.Contains(p.Id) && !undecided.Contains(p.Id)).Select(p => p.Scope).Distinct(StringComparer.Ordinal))
        {
            resolved += await findings.ResolveUnseenAsync(scope, run.RunId, now, keep: undecided, rules: PathRule.IsPathRule, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (shardGraphs is not null)
        {
            // Only this run's parts are kept; a run that started before this one and has not closed yet lists the tables.
            await shardGraphs.RemoveOthersAsync(run.RunId, run.StartedAt, cancellationToken).ConfigureAwait(false);
        }

        stages.Lap("resolve paths not found again");
        LogPathsEvaluated(_logger, run.RunId, nodes.Count, graph.Edges.Count, found.Count, resolved, stages.ToString());

        return new AttackPathEvaluation(found.Count, resolved, stages.Laps) { Nodes = nodes.Count, Edges = graph.Edges.Count };
    }

    /// <summary>
    /// The Azure assets (without facts) and the edges of <paramref name="relations"/> the run saw: from what each of its
    /// shards handed the close when every shard completed and did, with the role and alert edges of the access shard's
    /// part (null when no part is the access shard's: the close then queries them); otherwise listed from the tables,
    /// where, for a shard that failed, older rows stand in, and the roles and alerts are queried afresh.
    /// </summary>
    private async Task<(List<Asset> Nodes, List<GraphEdge> Edges, string From, (IReadOnlyList<GraphEdge> Edges, bool RolesComplete)? Access, IReadOnlyList<ShardGraph>? Parts)> ReadGraphAsync(ScanRun run, IReadOnlySet<string> relations, CancellationToken cancellationToken)
    {
        if (ReadsParts(run) && await shardGraphs!.ReadAsync(run.RunId, run.ShardsPlanned, cancellationToken).ConfigureAwait(false) is { } parts)
        {
            var handed = parts.SelectMany(p => p.Nodes).DistinctBy(n => n.ResourceId, StringComparer.OrdinalIgnoreCase).ToList();
            var seen = parts.Where(p => p.Access is null).SelectMany(p => p.Edges).Where(e => relations.Contains(e.Relation)).Distinct(GraphEdgeComparer.Instance).ToList();
            (IReadOnlyList<GraphEdge>, bool)? access = parts.FirstOrDefault(p => p.Access is not null) is { Access: { } marked } part
                ? ([.. part.Edges.Where(e => ReadEachScan.Contains(e.Relation))], marked.RolesComplete)
                : null;
            return (handed, seen, $"{parts.Count} shards' parts", access, parts);
        }

        var nodesRead = assets.ListAllButAsync(FindingScope.Tenant, withFacts: false, cancellationToken).ToListAsync(cancellationToken).AsTask();
        var edgesRead = edges.ListAsync(run.ShardsFailed == 0 ? run.StartedAt : null, ReadEachScan, relations, cancellationToken).ToListAsync(cancellationToken).AsTask();
        return (await nodesRead.ConfigureAwait(false), await edgesRead.ConfigureAwait(false), "tables", null, null);
    }

    /// <summary>Whether the close of <paramref name="run"/> reads what its shards handed it: every shard ran to the end and parts are kept.</summary>
    private bool ReadsParts(ScanRun run) => shardGraphs is not null && tables is not null && run.ShardsFailed == 0;

    private async Task<AttackPathEvaluation> RecheckThroughAsync(string runId, string target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var through = new List<StoredFinding>();
        foreach (var rule in _rules.Rules.OfType<PathRule>())
        {
            await foreach (var stored in OpenFindingsAsync([rule.Descriptor.Id], cancellationToken).ConfigureAwait(false))
            {
                if (PathEvidence.Read(stored.Finding.Evidence).Any(hop => hop.NodeId.StartsWith(target, StringComparison.OrdinalIgnoreCase)))
                {
                    through.Add(stored);
                }
            }
        }

        var broken = new List<StoredFinding>();
        foreach (var path in through)
        {
            foreach (var (scope, memberId) in PathEvidence.Read(path.Finding.Evidence).SelectMany(hop => hop.Members.Select(m => (FindingScope.Of(hop.NodeId), m.FindingId))))
            {
                if (await findings.GetAsync(scope, memberId, cancellationToken).ConfigureAwait(false) is not { Status: FindingStatus.Open })
                {
                    broken.Add(path);
                    break;
                }
            }
        }

        var resolved = 0;
        foreach (var group in broken.GroupBy(p => (p.Finding.Key.Scope, p.Finding.Key.ResourceId, p.Finding.Key.RuleId)))
        {
            // Resolve exactly the broken paths of this resource and rule: the intact ones are kept.
            var keep = through.Where(p => p.Finding.Key.ResourceId == group.Key.ResourceId && p.Finding.Key.RuleId == group.Key.RuleId)
                .Select(p => p.Finding.Key.Id).Except(group.Select(p => p.Finding.Key.Id)).ToHashSet(StringComparer.Ordinal);
            resolved += await findings.ResolveUnseenAsync(group.Key.Scope, runId, now, group.Key.ResourceId, keep, id => id == group.Key.RuleId, cancellationToken).ConfigureAwait(false);
        }

        return new AttackPathEvaluation(through.Count - broken.Count, resolved, []);
    }

    /// <summary>
    /// Points the <c>calls-endpoint</c> edges a shard could not resolve (the endpoint's account is in another shard's
    /// subscription) at their account or Search service in the whole inventory, and records them so. An endpoint no
    /// collected resource answers to (another tenant's AI, or a subscription not read) stays at its host: a coverage note.
    /// </summary>
    private async Task<List<GraphEdge>> ResolveEndpointsAsync(string runId, List<GraphEdge> graphEdges, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = graphEdges.Where(e => e.Relation == EdgeRelations.CallsEndpoint && GraphEdges.IsEndpointNode(e.To)).ToList();
        if (pending.Count == 0)
        {
            return graphEdges;
        }

        // Matching a host needs the accounts' custom subdomains, which are facts.
        var accounts = AccountDirectory.Of(await assets.ListAsync(null, withFacts: true, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false));
        var resolved = new List<GraphEdge>();
        var unresolved = new List<GraphEdge>();
        foreach (var edge in pending)
        {
            if (accounts.Resolve(edge.Label) is { } target)
            {
                resolved.Add(edge with { To = target });
            }
            else
            {
                unresolved.Add(edge);
            }
        }

        var outside = unresolved.Select(e => e.Label ?? e.To).ToImmutableSortedSet(StringComparer.OrdinalIgnoreCase);

        await edges.RecordAsync(runId, resolved, now, cancellationToken).ConfigureAwait(false);
        if (outside.Count > 0)
        {
            LogCoverageGap(_logger, runId, "calls-endpoint", 0,
                $"{outside.Count} AI endpoints named in app settings are not in the inventory (another tenant's, or a subscription not read): {string.Join(", ", outside.Take(5))}{(outside.Count > 5 ? ", …" : string.Empty)}");
        }

        return [.. graphEdges.Except(pending), .. unresolved, .. resolved];
    }

    /// <summary>
    /// The edge relations a full scan's close reads from what the shards recorded (their parts, or the tables): the
    /// closing relations but containment (read off the assets) and those queried afresh from Resource Graph.
    /// </summary>
    internal static IReadOnlySet<string> StoredRelationsRead(RuleCatalog rules) =>
        ClosingRelations(rules).Except([.. ReadEachScan, EdgeRelations.Contains]).ToHashSet(StringComparer.Ordinal);

    /// <summary>The edge relations the close reads: those the path rules of <paramref name="rules"/> declare, and those the close itself reads and refreshes.</summary>
    internal static IReadOnlySet<string> ClosingRelations(RuleCatalog rules) =>
        PathRule.RelationsOf(rules.Rules.OfType<PathRule>())
            .Concat([EdgeRelations.CallsEndpoint, EdgeRelations.HasIdentity, .. ReadEachScan])
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The ids of the AI resources among <paramref name="nodes"/> (top-level: a deployment counts as its account).</summary>
    internal static IReadOnlySet<string> AiResourceIds(IEnumerable<Asset> nodes) => nodes
        .Where(n => n.Class == AssetClass.AiResource)
        .Select(n => Core.Inventory.AzureAi.ArmId.TopLevelOf(n.ResourceId))
        .OfType<string>()
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The rules whose open findings the path rules of <paramref name="rules"/> join.</summary>
    internal static IReadOnlySet<string> MemberRulesOf(RuleCatalog rules) =>
        rules.Rules.OfType<PathRule>().SelectMany(r => r.MemberRules).ToHashSet(StringComparer.Ordinal);

    /// <summary>The open findings, the per-resource rules' apart from the keys of the open paths.</summary>
    private async Task<(List<Finding> Open, List<FindingKey> Paths, string From)> ReadOpenFindingsAsync(CancellationToken cancellationToken)
    {
        var open = new List<Finding>();
        var paths = new List<FindingKey>();
        // Only what the path rules join (their member rules' findings) and the open paths themselves: in a large tenant
        // a small part of the open findings.
        var ruleIds = MemberRulesOf(_rules).Concat(_rules.Rules.OfType<PathRule>().Select(r => r.Descriptor.Id)).ToHashSet(StringComparer.Ordinal);
        await foreach (var stored in OpenFindingsAsync(ruleIds, cancellationToken).ConfigureAwait(false))
        {
            if (PathRule.IsPathRule(stored.Finding.Key.RuleId))
            {
                paths.Add(stored.Finding.Key);
            }
            else
            {
                open.Add(stored.Finding);
            }
        }

        return (open, paths, "table");
    }

    /// <summary>
    /// The open findings as the shards handed them: those each saw, the rows of those it left open unseen (read one by
    /// one; one no longer open is left out), and the findings of the rules the close amended before the paths (read from
    /// the table, as amended). The open paths are the path keys the shards left open.
    /// </summary>
    private async Task<(List<Finding> Open, List<FindingKey> Paths, string From)> OpenFindingsHandedAsync(IReadOnlyList<ShardGraph> parts, CancellationToken cancellationToken)
    {
        var amended = amendedAtClose ?? new HashSet<string>(StringComparer.Ordinal);
        var open = parts.SelectMany(p => p.OpenFindings!).Where(f => !amended.Contains(f.Key.RuleId)).ToList();
        var kept = parts.SelectMany(p => p.OpenKept!).DistinctBy(k => k.Id).ToList();
        var paths = kept.Where(k => PathRule.IsPathRule(k.RuleId)).ToList();
        var unseen = new System.Collections.Concurrent.ConcurrentBag<Finding>();
        await Parallel.ForEachAsync(
            kept.Where(k => !PathRule.IsPathRule(k.RuleId) && !amended.Contains(k.RuleId)),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (key, ct) =>
            {
                if (await findings.GetAsync(key.Scope, key.Id, ct).ConfigureAwait(false) is { Status: FindingStatus.Open } stored)
                {
                    unseen.Add(stored.Finding);
                }
            }).ConfigureAwait(false);
        open.AddRange(unseen);
        if (amended.Count > 0)
        {
            open.AddRange(await OpenFindingsAsync(amended, cancellationToken).Select(s => s.Finding).ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        return (open, paths, "the shards' parts");
    }

    private IAsyncEnumerable<StoredFinding> OpenFindingsAsync(IReadOnlyCollection<string> ruleIds, CancellationToken cancellationToken) =>
        findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open, PageSize: 1000, RuleIds: ruleIds), cancellationToken);

    [LoggerMessage(EventId = 2310, Level = LogLevel.Information, Message = "Attack paths of run {RunId}: {Nodes} nodes, {Edges} edges, {Paths} paths open, {Resolved} resolved ({Stages}).")]
    private static partial void LogPathsEvaluated(ILogger logger, string runId, int nodes, int edges, int paths, int resolved, string stages);

    [LoggerMessage(EventId = 2312, Level = LogLevel.Warning, Message = "Attack paths of run {RunId}: coverage gap in {Operation} ({Status}): {Detail}")]
    private static partial void LogCoverageGap(ILogger logger, string runId, string operation, int status, string detail);

    [LoggerMessage(EventId = 2311, Level = LogLevel.Warning, Message = "Path rule {RuleId} failed on the graph: {Message}")]
    private static partial void LogPathRuleFailed(ILogger logger, string ruleId, string message);
}
