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
/// edges the run saw and every open finding — goes through the path rules; paths found are recorded, open paths not
/// found again are resolved (an undecided one stays open). After an event (one resource re-scanned): only the open
/// paths through that resource are re-checked, and one whose member finding is no longer open is resolved, so an
/// event's cost does not grow with the tenant.
/// </summary>
public sealed partial class AttackPathEvaluator(IFindingStore findings, IAssetStore assets, IEdgeStore edges, RuleCatalog? rules = null, ILogger? logger = null, ResourceGraphEdgeCollector? tables = null)
{
    private readonly RuleCatalog _rules = rules ?? RuleCatalog.BuiltIn;
    private readonly ILogger _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Evaluates or re-checks the paths for <paramref name="run"/>; returns how many paths are open and how many were resolved.</summary>
    public async Task<(int Open, int Resolved)> EvaluateAsync(ScanRun run, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.TargetResourceId is { } target
            ? await RecheckThroughAsync(run.RunId, target, now, cancellationToken).ConfigureAwait(false)
            : await EvaluateAllAsync(run, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(int Open, int Resolved)> EvaluateAllAsync(ScanRun run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nodes = await assets.ListAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        // Edges the run saw; when a shard failed its edges were not refreshed, so the older ones stand in.
        var graphEdges = await edges.ListAsync(run.ShardsFailed == 0 ? run.StartedAt : null, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        graphEdges = await ResolveEndpointsAsync(run.RunId, graphEdges, nodes, now, cancellationToken).ConfigureAwait(false);
        if (tables is not null)
        {
            // Once per scan: the Azure roles of the identities AI resources run as, and the active Defender AI alerts,
            // in the subscriptions the inventory spans. Both replace what earlier runs stored.
            var subscriptions = nodes.Select(n => Core.Inventory.AzureAi.ArmId.SubscriptionOf(n.ResourceId)).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var kept = graphEdges.Where(e => e.Relation is not (EdgeRelations.RoleOn or EdgeRelations.Alert)).ToList();
            var selection = new RoleAssignmentSelection(SecurityGraph.IdentityPrincipals(kept), AiResourceIds(nodes));
            var roleEdges = await tables.RoleAssignmentsAsync(subscriptions, selection, cancellationToken).ConfigureAwait(false);
            var alertEdges = await tables.AiAlertsAsync(subscriptions, cancellationToken).ConfigureAwait(false);
            foreach (var read in new[] { roleEdges, alertEdges })
            {
                await edges.RecordAsync(run.RunId, read.Edges, now, cancellationToken).ConfigureAwait(false);
                foreach (var error in read.Errors)
                {
                    LogCoverageGap(_logger, run.RunId, error.Operation, error.Status, error.Message);
                }
            }

            if (roleEdges.SkippedRows + alertEdges.SkippedRows > 0)
            {
                LogCoverageGap(_logger, run.RunId, "resourcegraph", 0,
                    $"{roleEdges.SkippedRows} role assignment and {alertEdges.SkippedRows} alert rows without their documented properties were skipped");
            }

            graphEdges = [.. kept, .. roleEdges.Edges, .. alertEdges.Edges];

            // The identities AI resources run as, and the service principals holding roles on AI resources, join the
            // inventory with the roles just read; a principal already listed as another kind (an AI app) stays that kind.
            var otherKinds = nodes.Where(n => n.Class != AssetClass.Identity).Select(n => n.ResourceId).ToHashSet(StringComparer.OrdinalIgnoreCase);
            await assets.RecordAsync(run.RunId, [.. InventoryAssets.Identities(graphEdges, selection.IsOnAiResource).Where(a => !otherKinds.Contains(a.ResourceId))], now, cancellationToken).ConfigureAwait(false);
        }

        var open = new List<Finding>();
        var openPaths = new List<StoredFinding>();
        await foreach (var stored in OpenFindingsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (PathRule.IsPathRule(stored.Finding.Key.RuleId))
            {
                openPaths.Add(stored);
            }
            else
            {
                open.Add(stored.Finding);
            }
        }

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
        await findings.RecordAsync(run.RunId, found, now, cancellationToken).ConfigureAwait(false);
        foreach (var severity in found.GroupBy(f => f.Severity))
        {
            Connectors.Diagnostics.AiSpmTelemetry.FindingsObserved.Add(severity.Count(), new KeyValuePair<string, object?>("severity", severity.Key.ToString()), new KeyValuePair<string, object?>("aispm.run_id", run.RunId));
        }

        var resolved = 0;
        foreach (var scope in openPaths.Select(p => p.Finding.Key.Scope).Distinct(StringComparer.Ordinal))
        {
            resolved += await findings.ResolveUnseenAsync(scope, run.RunId, now, keep: undecided, rules: PathRule.IsPathRule, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        LogPathsEvaluated(_logger, run.RunId, nodes.Count, graph.Edges.Count, found.Count, resolved);

        return (found.Count, resolved);
    }

    private async Task<(int Open, int Resolved)> RecheckThroughAsync(string runId, string target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var through = new List<StoredFinding>();
        foreach (var rule in _rules.Rules.OfType<PathRule>())
        {
            await foreach (var stored in OpenFindingsAsync(rule.Descriptor.Id, cancellationToken).ConfigureAwait(false))
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

        return (through.Count - broken.Count, resolved);
    }

    /// <summary>
    /// Points the <c>calls-endpoint</c> edges a shard could not resolve (the endpoint's account is in another shard's
    /// subscription) at their account or Search service in the whole inventory, and records them so. An endpoint no
    /// collected resource answers to (another tenant's AI, or a subscription not read) stays at its host: a coverage note.
    /// </summary>
    private async Task<List<GraphEdge>> ResolveEndpointsAsync(string runId, List<GraphEdge> graphEdges, IReadOnlyCollection<Asset> nodes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = graphEdges.Where(e => e.Relation == EdgeRelations.CallsEndpoint && GraphEdges.IsEndpointNode(e.To)).ToList();
        if (pending.Count == 0)
        {
            return graphEdges;
        }

        var accounts = AccountDirectory.Of(nodes);
        var resolved = new List<GraphEdge>();
        var outside = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var edge in pending)
        {
            if (accounts.Resolve(edge.Label) is { } target)
            {
                resolved.Add(edge with { To = target });
            }
            else
            {
                outside.Add(edge.Label ?? edge.To);
            }
        }

        await edges.RecordAsync(runId, resolved, now, cancellationToken).ConfigureAwait(false);
        if (outside.Count > 0)
        {
            LogCoverageGap(_logger, runId, "calls-endpoint", 0,
                $"{outside.Count} AI endpoints named in app settings are not in the inventory (another tenant's, or a subscription not read): {string.Join(", ", outside.Take(5))}{(outside.Count > 5 ? ", …" : string.Empty)}");
        }

        var pendingSet = pending.ToHashSet();
        return [.. graphEdges.Where(e => !pendingSet.Contains(e) || accounts.Resolve(e.Label) is null), .. resolved];
    }

    /// <summary>The ids of the AI resources among <paramref name="nodes"/> (top-level: a deployment counts as its account).</summary>
    internal static IReadOnlySet<string> AiResourceIds(IEnumerable<Asset> nodes) => nodes
        .Where(n => n.Class == AssetClass.AiResource)
        .Select(n => Core.Inventory.AzureAi.ArmId.TopLevelOf(n.ResourceId))
        .OfType<string>()
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private IAsyncEnumerable<StoredFinding> OpenFindingsAsync(string? ruleId, CancellationToken cancellationToken) =>
        findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open, RuleId: ruleId, PageSize: 1000), cancellationToken);

    [LoggerMessage(EventId = 2310, Level = LogLevel.Information, Message = "Attack paths of run {RunId}: {Nodes} nodes, {Edges} edges, {Paths} paths open, {Resolved} resolved.")]
    private static partial void LogPathsEvaluated(ILogger logger, string runId, int nodes, int edges, int paths, int resolved);

    [LoggerMessage(EventId = 2312, Level = LogLevel.Warning, Message = "Attack paths of run {RunId}: coverage gap in {Operation} ({Status}): {Detail}")]
    private static partial void LogCoverageGap(ILogger logger, string runId, string operation, int status, string detail);

    [LoggerMessage(EventId = 2311, Level = LogLevel.Warning, Message = "Path rule {RuleId} failed on the graph: {Message}")]
    private static partial void LogPathRuleFailed(ILogger logger, string ruleId, string message);
}
