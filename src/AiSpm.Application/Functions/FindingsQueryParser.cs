using AiSpm.Core.Findings;

namespace AiSpm.Application.Functions;

/// <summary>Reads the findings API's query string, naming the first parameter that is wrong.</summary>
public static class FindingsQueryParser
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "severity", "status", "rule", "subscription", "resolvedSince", "pageSize", "continuationToken", "code",
    };

    /// <summary>The query, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static FindingQuery? Parse(IReadOnlyDictionary<string, string> query, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(query);
        problem = null;
        var unknown = query.Keys.FirstOrDefault(k => !Known.Contains(k));
        if (unknown is not null)
        {
            problem = $"Unknown query parameter '{unknown}'. Use severity, status, rule, subscription, resolvedSince, pageSize, continuationToken.";
            return null;
        }

        Severity? severity = null;
        if (query.TryGetValue("severity", out var s) && s.Length > 0)
        {
            if (!Enum.TryParse<Severity>(s, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(s, out _))
            {
                problem = $"'severity' must be one of informational, low, medium, high, critical (the minimum to include), not '{s}'.";
                return null;
            }

            severity = parsed;
        }

        FindingStatus? status = null;
        if (query.TryGetValue("status", out var st) && st.Length > 0)
        {
            if (!Enum.TryParse<FindingStatus>(st, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(st, out _))
            {
                problem = $"'status' must be open, exempted or resolved, not '{st}'.";
                return null;
            }

            status = parsed;
        }

        string? scope = null;
        if (query.TryGetValue("subscription", out var sub) && sub.Length > 0)
        {
            if (!Guid.TryParse(sub, out _))
            {
                problem = $"'subscription' must be a subscription id (GUID), not '{sub}'.";
                return null;
            }

            scope = FindingScope.ForSubscription(sub);
        }

        var pageSize = 100;
        if (query.TryGetValue("pageSize", out var ps) && ps.Length > 0 && (!int.TryParse(ps, out pageSize) || pageSize is < 1 or > 1000))
        {
            problem = $"'pageSize' must be a whole number from 1 to 1000, not '{ps}'.";
            return null;
        }

        var rule = query.TryGetValue("rule", out var r) && r.Length > 0 ? r : null;
        if (rule is not null && (rule.Length > 32 || rule.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-')))
        {
            problem = $"'rule' must be a rule id such as AISPM-1001, not '{rule}'.";
            return null;
        }

        DateTimeOffset? resolvedSince = null;
        if (query.TryGetValue("resolvedSince", out var rs) && rs.Length > 0)
        {
            if (!DateTimeOffset.TryParse(rs, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since) || !rs.Contains('-', StringComparison.Ordinal))
            {
                problem = $"'resolvedSince' must be an ISO 8601 date or time such as 2026-11-21 or 2026-11-21T08:00:00Z, not '{rs}'.";
                return null;
            }

            if (status is FindingStatus.Open)
            {
                problem = "'resolvedSince' selects resolved findings; it cannot be combined with status=open.";
                return null;
            }

            resolvedSince = since;
            status = FindingStatus.Resolved;
        }

        return new FindingQuery(scope, status, severity, rule?.ToUpperInvariant(), pageSize, query.TryGetValue("continuationToken", out var token) && token.Length > 0 ? token : null, resolvedSince);
    }
}
