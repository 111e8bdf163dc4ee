using AiSpm.Connectors.Collection;
using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.Access;
using AiSpm.Core.Ports;
using Microsoft.Extensions.Logging;

namespace AiSpm.Application.Scanning;

/// <summary>
/// Reads who can reach what in Azure for a full scan — the role assignments Resource Graph returns for AiSpm's query
/// (those of service principals, and any on a scope under an AI resource provider) and the active Defender for Cloud AI
/// alerts — and makes the stored <c>role-on</c> and <c>alert</c> edges that: only what changed is written, what is gone
/// is removed, and a set whose digest matches the one recorded last is neither written nor read back. A query that
/// failed leaves its stored edges as they were, and they stand in beside what was read.
/// </summary>
public sealed partial class AccessEdgeRefresh(IEdgeStore edges, ResourceGraphEdgeCollector resourceGraph, ILogger? logger = null)
{
    /// <summary>The relations this refresh owns: queried afresh at every full scan, whatever their age in the store.</summary>
    public static IReadOnlySet<string> Relations { get; } = new HashSet<string>(StringComparer.Ordinal) { EdgeRelations.RoleOn, EdgeRelations.Alert };

    private readonly ILogger _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>
    /// Queries <paramref name="subscriptions"/> and returns the edges as they now stand, whether every role assignment was
    /// read, and the writes that bring the store there (already started; await them before relying on the store).
    /// </summary>
    public async Task<AccessEdges> RefreshAsync(string runId, IReadOnlyList<string> subscriptions, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(subscriptions);
        var rolesRead = resourceGraph.RoleAssignmentsAsync(subscriptions, RoleAssignmentSelection.Everything, cancellationToken);
        var alertEdges = await resourceGraph.AiAlertsAsync(subscriptions, cancellationToken).ConfigureAwait(false);
        var roleEdges = await rolesRead.ConfigureAwait(false);
        var current = new List<GraphEdge>(roleEdges.Edges.Count + alertEdges.Edges.Count);
        var writes = new List<Task>();
        foreach (var (relation, read) in new[] { (EdgeRelations.RoleOn, roleEdges), (EdgeRelations.Alert, alertEdges) })
        {
            foreach (var error in read.Errors)
            {
                LogCoverageGap(_logger, runId, error.Operation, error.Status, error.Message);
            }

            // The same set as recorded last (its digest says so): nothing to write, and nothing to read back.
            var digest = EdgeSetDigest.Of(read.Edges);
            if (read.Errors.Count == 0 && await edges.ReadDigestAsync(relation, cancellationToken).ConfigureAwait(false) == digest)
            {
                current.AddRange(read.Edges);
                continue;
            }

            // Only what changed is written. Not read (or read in part), what was stored stands, with whatever was read;
            // otherwise what is gone goes, and the set's digest is recorded once the store holds it.
            var stored = await edges.ListAsync(null, Relations, new HashSet<string>(StringComparer.Ordinal) { relation }, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (read.Errors.Count > 0)
            {
                current.AddRange(stored.Union(read.Edges, GraphEdgeComparer.Instance));
                writes.Add(edges.RecordAsync(runId, [.. read.Edges.Except(stored, GraphEdgeComparer.WithEvidence)], now, cancellationToken));
            }
            else
            {
                current.AddRange(read.Edges);
                writes.Add(ReplaceAsync(runId, relation, read.Edges, stored, digest, now, cancellationToken));
            }
        }

        if (roleEdges.SkippedRows + alertEdges.SkippedRows > 0)
        {
            LogCoverageGap(_logger, runId, "resourcegraph", 0,
                $"{roleEdges.SkippedRows} role assignment and {alertEdges.SkippedRows} alert rows without their documented properties were skipped");
        }

        return new AccessEdges(current, roleEdges.Errors.Count == 0, alertEdges.Errors.Count == 0, Task.WhenAll(writes));
    }

    /// <summary>Makes the stored edges of one relation <paramref name="current"/>: writes what changed, removes what is gone, then records the set's digest.</summary>
    private async Task ReplaceAsync(string runId, string relation, IReadOnlyList<GraphEdge> current, IReadOnlyList<GraphEdge> stored, string digest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await edges.RecordAsync(runId, [.. current.Except(stored, GraphEdgeComparer.WithEvidence)], now, cancellationToken).ConfigureAwait(false);
        await edges.RemoveAsync([.. stored.Except(current, GraphEdgeComparer.Instance)], cancellationToken).ConfigureAwait(false);
        await edges.WriteDigestAsync(relation, digest, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 2324, Level = LogLevel.Warning, Message = "Access of run {RunId}: coverage gap in {Operation} ({Status}): {Detail}")]
    private static partial void LogCoverageGap(ILogger logger, string runId, string operation, int status, string detail);
}
