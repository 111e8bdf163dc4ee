using AiSpm.Core.Graph;

namespace AiSpm.Core.Ports;

/// <summary>Stores the relationships between assets, so a node's edges out are one read and the whole graph one listing.</summary>
public interface IEdgeStore
{
    /// <summary>Inserts or refreshes edges seen by a scan.</summary>
    Task RecordAsync(string scanId, IReadOnlyCollection<GraphEdge> edges, DateTimeOffset seenAt, CancellationToken cancellationToken = default);

    /// <summary>The edges out of <paramref name="nodeId"/>.</summary>
    IAsyncEnumerable<GraphEdge> OutOfAsync(string nodeId, CancellationToken cancellationToken = default);

    /// <summary>Every edge last seen at or after <paramref name="seenSince"/> (null: every edge).</summary>
    IAsyncEnumerable<GraphEdge> ListAsync(DateTimeOffset? seenSince = null, CancellationToken cancellationToken = default);

    /// <summary>Every edge last seen at or after <paramref name="seenSince"/>, and every edge of <paramref name="anyAge"/> whenever it was written.</summary>
    IAsyncEnumerable<GraphEdge> ListAsync(DateTimeOffset? seenSince, IReadOnlySet<string> anyAge, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="ListAsync(DateTimeOffset?, IReadOnlySet{string}, CancellationToken)"/>, only the edges of <paramref name="relations"/>.</summary>
    IAsyncEnumerable<GraphEdge> ListAsync(DateTimeOffset? seenSince, IReadOnlySet<string> anyAge, IReadOnlySet<string> relations, CancellationToken cancellationToken = default);

    /// <summary>
    /// The digest (<see cref="EdgeSetDigest"/>) of the whole set of one relation's edges as last recorded from a source
    /// read whole at every scan, or null when none was recorded.
    /// </summary>
    Task<string?> ReadDigestAsync(string relation, CancellationToken cancellationToken = default);

    /// <summary>Records the digest of the whole set of one relation's edges, once that set is what the store holds.</summary>
    Task WriteDigestAsync(string relation, string digest, CancellationToken cancellationToken = default);

    /// <summary>Removes edges that no longer hold (those absent are ignored).</summary>
    Task RemoveAsync(IReadOnlyCollection<GraphEdge> edges, CancellationToken cancellationToken = default);
}
