using System.Security.Cryptography;
using System.Text;

namespace AiSpm.Core.Graph;

/// <summary>
/// A digest of a whole set of edges, equal for two sets that hold the same edges with the same evidence (ends
/// compared ignoring case, as <see cref="GraphEdgeComparer.WithEvidence"/> does), in whatever order they were read.
/// The close keeps the digest of the role and alert edges it last recorded, so a tenant whose roles and alerts did not
/// change costs neither a write nor a read of them.
/// </summary>
public static class EdgeSetDigest
{
    /// <summary>The digest of <paramref name="edges"/>: 64 lower-case hex digits.</summary>
    public static string Of(IEnumerable<GraphEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var lines = edges
            .Select(e => string.Join('\u001f', e.From.ToLowerInvariant(), e.Relation, e.To.ToLowerInvariant(), e.Label ?? string.Empty, e.Evidence))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var line in lines)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(line));
            hash.AppendData("\n"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
