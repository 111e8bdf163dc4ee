using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using AiSpm.Core.Graph;
using AiSpm.Core.Ports;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// <see cref="IEdgeStore"/> on Table storage: PartitionKey = <see cref="TableKey.ForResourceId"/> of the source node, so
/// a node's edges out are one partition query; RowKey = a hash of relation, target and label.
/// </summary>
public sealed class TableEdgeStore : IEdgeStore
{
    /// <summary>
    /// Partitions are the encoded ids of the edges' sources: Azure resources by subscription, and service principals
    /// (identities holding roles, apps holding grants) by object id.
    /// </summary>
    private static readonly IReadOnlyList<string> WholeTableRanges = TableKeyRanges.ByFirstHexDigitAfter(
        TableKey.ForResourceId("/subscriptions/"), TableKey.ForResourceId(GraphEdges.ServicePrincipalNode(string.Empty)));

    private static readonly IReadOnlyList<string> EdgeColumns = ["From", "Relation", "To", "Label", "Evidence", "LastSeen"];

    private readonly TableClient _table;

    /// <summary>Creates the store over the Edges table.</summary>
    public TableEdgeStore(TableClient table) => _table = table;

    /// <inheritdoc />
    public async Task RecordAsync(string scanId, IReadOnlyCollection<GraphEdge> edges, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var operations = edges
            .DistinctBy(e => (TableKey.ForResourceId(e.From), RowKeyOf(e)))
            .Select(edge => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(TableKey.ForResourceId(edge.From), RowKeyOf(edge))
            {
                ["From"] = edge.From,
                ["Relation"] = edge.Relation,
                ["To"] = edge.To,
                ["Label"] = edge.Label,
                ["Evidence"] = edge.Evidence,
                ["LastSeen"] = seenAt,
                ["LastScanId"] = scanId,
            }.WithoutNulls()));
        // One action per row (deduplicated above): the transactions of a partition need no order.
        await _table.SubmitInBatchesAsync(operations, cancellationToken: cancellationToken, unorderedWithinPartition: true).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<GraphEdge> OutOfAsync(string nodeId, CancellationToken cancellationToken = default) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.ForResourceId(nodeId)}"), cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// The table has no index on <c>LastSeen</c>: a filter on it is a scan of every row on the service as well, so the
    /// rows are listed whole and compared here, which spares the service a date comparison per row.
    /// </remarks>
    public IAsyncEnumerable<GraphEdge> ListAsync(DateTimeOffset? seenSince = null, CancellationToken cancellationToken = default) =>
        QueryAsync(null, cancellationToken, seenSince);

    /// <inheritdoc />
    public IAsyncEnumerable<GraphEdge> ListAsync(DateTimeOffset? seenSince, IReadOnlySet<string> anyAge, CancellationToken cancellationToken = default) =>
        QueryAsync(null, cancellationToken, seenSince, anyAge);

    /// <inheritdoc />
    public async Task RemoveAsync(IReadOnlyCollection<GraphEdge> edges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edges);
        await _table.DeleteRowsAsync(edges.Select(e => (TableKey.ForResourceId(e.From), RowKeyOf(e))), cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<GraphEdge> QueryAsync(string? filter, [EnumeratorCancellation] CancellationToken cancellationToken, DateTimeOffset? seenSince = null, IReadOnlySet<string>? anyAge = null)
    {
        // The whole table is read range by range (the Table endpoint's pages then cost what a range holds, not the table).
        // Only what an edge is made of: not the keys (the encoded From and a hash), nor the scan id or timestamp.
        var rows = filter is null
            ? _table.QueryByRangesAsync<TableEntity>(null, WholeTableRanges, EdgeColumns, cancellationToken)
            : _table.QueryAsync<TableEntity>(filter, select: EdgeColumns, cancellationToken: cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (seenSince is { } since && !(row.GetDateTimeOffset("LastSeen") is { } seen && seen >= since)
                && !(anyAge is not null && row.GetString("Relation") is { } kind && anyAge.Contains(kind)))
            {
                continue;
            }

            // A row missing its ends (edited by hand, or by a newer version) is skipped rather than failing the graph.
            if (row.GetString("From") is { Length: > 0 } from && row.GetString("Relation") is { Length: > 0 } relation && row.GetString("To") is { Length: > 0 } to)
            {
                yield return new GraphEdge(from, relation, to, row.GetString("Label"), row.GetString("Evidence") ?? string.Empty);
            }
        }
    }

    private static string RowKeyOf(GraphEdge edge) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{edge.Relation}\n{edge.To.ToLowerInvariant()}\n{edge.Label}")))[..32];
}
