using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using AiSpm.Core.Graph;
using AiSpm.Core.Ports;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// <see cref="IEdgeStore"/> on Table storage. PartitionKey = one of <see cref="Buckets"/> buckets (<c>00</c>–<c>3f</c>)
/// taken from the hash of the source node id, RowKey = that hash (32 hex) followed by the hash of relation, target and
/// label (32 hex). A shard's few thousand edges, each from a node of its own, go up in a few dozen transactions of up
/// to 100 rows instead of one per edge, spread over partitions (each partition takes about 2,000 rows a second); a
/// node's edges out are still one query (its bucket and its hash as a RowKey prefix); and no two edges share a RowKey.
/// </summary>
public sealed class TableEdgeStore : IEdgeStore
{
    /// <summary>How many partitions the edges are spread over.</summary>
    public const int Buckets = 64;

    /// <summary>The whole table in 16 ranges of 4 buckets each.</summary>
    private static readonly IReadOnlyList<string> WholeTableRanges =
        [.. Enumerable.Range(1, 15).Select(i => BucketKey(i * Buckets / 16))];

    private static readonly IReadOnlyList<string> EdgeColumns = ["From", "Relation", "To", "Label", "Evidence", "LastSeen"];

    /// <summary>
    /// The partition of the relations' digests: one row per relation, outside the hash buckets, and without the ends
    /// an edge row has, so no listing of edges ever returns it.
    /// </summary>
    private const string DigestPartition = "digests";

    /// <summary>The most comparisons the Table service takes in one <c>$filter</c>; two of them bound a key range.</summary>
    private const int MaxComparisons = 15;

    private readonly TableClient _table;

    /// <summary>Creates the store over the edges table (<see cref="AiSpmTables.Edges"/>).</summary>
    public TableEdgeStore(TableClient table) => _table = table;

    /// <inheritdoc />
    public async Task RecordAsync(string scanId, IReadOnlyCollection<GraphEdge> edges, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var operations = edges
            .Select(edge => (Edge: edge, Key: KeyOf(edge)))
            .DistinctBy(e => e.Key.RowKey, StringComparer.Ordinal)
            .Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(e.Key.PartitionKey, e.Key.RowKey)
            {
                ["From"] = e.Edge.From,
                ["Relation"] = e.Edge.Relation,
                ["To"] = e.Edge.To,
                ["Label"] = e.Edge.Label,
                ["Evidence"] = e.Edge.Evidence,
                ["LastSeen"] = seenAt,
                ["LastScanId"] = scanId,
            }.WithoutNulls()));
        // One action per row (deduplicated above): the transactions of a partition need no order.
        await _table.SubmitInBatchesAsync(operations, cancellationToken: cancellationToken, unorderedWithinPartition: true).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<GraphEdge> OutOfAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        var source = NodeHash(nodeId);

        // Every RowKey of the node starts with its hash; 'g' sorts after every hex digit.
        return QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {BucketKey(source)} and RowKey gt {source} and RowKey lt {source + "g"}"), cancellationToken);
    }

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
    /// <remarks>
    /// The relations are selected by the service (<c>Relation eq …</c> or …, as many as one <c>$filter</c> may compare
    /// beside its key range), so the rows of other relations are neither sent nor parsed.
    /// </remarks>
    public IAsyncEnumerable<GraphEdge> ListAsync(DateTimeOffset? seenSince, IReadOnlySet<string> anyAge, IReadOnlySet<string> relations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(relations);
        return QueryAsync(null, cancellationToken, seenSince, anyAge, relations);
    }

    /// <inheritdoc />
    public async Task<string?> ReadDigestAsync(string relation, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(relation);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(DigestPartition, relation, ["Digest"], cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetString("Digest") : null;
    }

    /// <inheritdoc />
    public async Task WriteDigestAsync(string relation, string digest, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(relation);
        ArgumentException.ThrowIfNullOrEmpty(digest);
        await _table.UpsertEntityAsync(new TableEntity(DigestPartition, relation) { ["Digest"] = digest }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(IReadOnlyCollection<GraphEdge> edges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edges);
        await _table.DeleteRowsAsync(edges.Select(KeyOf), cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<GraphEdge> QueryAsync(string? filter, [EnumeratorCancellation] CancellationToken cancellationToken, DateTimeOffset? seenSince = null,
        IReadOnlySet<string>? anyAge = null, IReadOnlySet<string>? relations = null)
    {
        var relationFilter = relations is { Count: > 0 and <= MaxComparisons - 2 }
            ? string.Join(" or ", relations.Order(StringComparer.Ordinal).Select(r => TableClient.CreateQueryFilter($"Relation eq {r}")))
            : null;

        // The whole table is read range by range (the Table endpoint's pages then cost what a range holds, not the table).
        // Only what an edge is made of: not the keys (hashes of it), nor the scan id or timestamp.
        var rows = filter is null
            ? _table.QueryByRangesAsync<TableEntity>(relationFilter, WholeTableRanges, EdgeColumns, cancellationToken)
            : _table.QueryAsync<TableEntity>(filter, select: EdgeColumns, cancellationToken: cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (relations is not null && !(row.GetString("Relation") is { } read && relations.Contains(read)))
            {
                continue;
            }

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

    private static (string PartitionKey, string RowKey) KeyOf(GraphEdge edge)
    {
        var source = NodeHash(edge.From);
        return (BucketKey(source), source + Hash($"{edge.Relation}\n{edge.To.ToLowerInvariant()}\n{edge.Label}"));
    }

    private static string NodeHash(string nodeId) => Hash(nodeId.ToLowerInvariant());

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    /// <summary>The bucket of a node: the first two hex digits of its hash, modulo <see cref="Buckets"/>.</summary>
    private static string BucketKey(string nodeHash) => BucketKey(Convert.ToInt32(nodeHash[..2], 16) % Buckets);

    private static string BucketKey(int bucket) => bucket.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
}
