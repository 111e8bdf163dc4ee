using System.Globalization;

namespace AiSpm.Core.Rules.Paths;

/// <summary>
/// How a path finding records its chain in its evidence — <c>hop.N</c> (node id), <c>hop.N.name</c>,
/// <c>hop.N.via</c> (<c>relation: evidence</c>), <c>hop.N.findings</c> (<c>RULE id, RULE id</c>), <c>path.alerts</c> and
/// <c>path.alerted</c> (the numbers of the hops with an active alert) —
/// written by <see cref="PathRule"/> and read back by whatever shows or re-checks the path.
/// </summary>
public static class PathEvidence
{
    /// <summary>The key of the alerts on the path.</summary>
    public const string Alerts = "path.alerts";

    /// <summary>The key of the numbers (1-based, comma-separated) of the hops with an active alert.</summary>
    public const string AlertedHops = "path.alerted";

    /// <summary>The key of hop <paramref name="n"/> (1-based), or of one of its parts (<c>name</c>, <c>via</c>, <c>findings</c>).</summary>
    public static string Key(int n, string? part = null) =>
        "hop." + n.ToString(CultureInfo.InvariantCulture) + (part is null ? string.Empty : "." + part);

    /// <summary>The hops a path finding's <paramref name="evidence"/> records, first first; empty for a finding that is not a path.</summary>
    public static IReadOnlyList<RecordedHop> Read(IReadOnlyDictionary<string, string> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var hops = new List<RecordedHop>();
        var alerted = evidence.TryGetValue(AlertedHops, out var numbers)
            ? numbers.Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var hop) ? hop : 0).ToHashSet()
            : [];
        for (var n = 1; evidence.TryGetValue(Key(n), out var id); n++)
        {
            var name = evidence.TryGetValue(Key(n, "name"), out var given) ? given : id.TrimEnd('/')[(id.TrimEnd('/').LastIndexOf('/') + 1)..];
            var relation = evidence.TryGetValue(Key(n, "via"), out var via) ? via.Split(':', 2)[0] : null;
            var members = evidence.TryGetValue(Key(n, "findings"), out var listed)
                ? listed.Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(m => m.Split(' ')).Where(p => p.Length == 2).Select(p => (p[0], p[1])).ToList()
                : [];
            hops.Add(new RecordedHop(id, name, relation, members) { Alerted = alerted.Contains(n) });
        }

        return hops;
    }
}

/// <summary>One hop of a recorded path: the node, how messages name it, the relation that led to it, and its member findings.</summary>
/// <param name="NodeId">The node (ARM id or Graph path).</param>
/// <param name="Name">How the path names it.</param>
/// <param name="Relation">The relation of the edge that led here; null for the first hop.</param>
/// <param name="Members">The member findings on this hop: rule id and finding id.</param>
public sealed record RecordedHop(string NodeId, string Name, string? Relation, IReadOnlyList<(string RuleId, string FindingId)> Members)
{
    /// <summary>The member rules, once each.</summary>
    public IReadOnlyList<string> Rules => [.. Members.Select(m => m.RuleId).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether Defender for Cloud has an active AI alert on this hop's resource.</summary>
    public bool Alerted { get; init; }
}
