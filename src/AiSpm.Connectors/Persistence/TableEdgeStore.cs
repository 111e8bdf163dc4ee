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
        await _table.SubmitInBatchesAsync(operations, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<GraphEdge> OutOfAsync(string nodeId, CancellationToken cancellationToken = default) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.ForResourceId(nodeId)}"), cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<GraphEdge> ListAsync(DateTimeOffset? seenSince = null, CancellationToken cancellationToken = default) =>
        QueryAsync(seenSince is { } since ? TableClient.CreateQueryFilter($"LastSeen ge {since}") : null, cancellationToken);

    private async IAsyncEnumerable<GraphEdge> QueryAsync(string? filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
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
