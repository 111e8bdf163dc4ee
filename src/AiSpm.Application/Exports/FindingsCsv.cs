using System.Globalization;
using System.Text;
using AiSpm.Core.Findings;
using AiSpm.Core.Suppressions;
using AiSpm.Application.Outputs;

namespace AiSpm.Application.Exports;

/// <summary>Stored findings as CSV with their lifecycle, one line each. Credentials appear only as fingerprint and masked hint.</summary>
public static class FindingsCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "finding_id,status,suppressed,severity,rule_id,category,resource_id,sub_key,title,detail,first_seen,last_seen,resolved_at,reopen_count,last_scan_id,secret_fingerprint,secret_hint,exemption_id,exemption_owner,exemption_expires";

    /// <summary>Writes the CSV document.</summary>
    public static string Write(IEnumerable<StoredFinding> findings, IReadOnlyDictionary<string, Suppression> suppressions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(suppressions);
        var text = new StringBuilder().Append(Header).Append('\n');
        foreach (var stored in findings)
        {
            var f = stored.Finding;
            var suppressed = suppressions.TryGetValue(f.Key.Id, out var s) && s.IsActiveAt(now);
            text.Append(CsvField.Line(
                f.Key.Id, stored.Status.ToString(), suppressed ? "true" : "false", f.Severity.ToString(), f.Key.RuleId, f.Category, f.Key.ResourceId, f.Key.SubKey,
                f.Title, f.Detail, Time(stored.FirstSeen), Time(stored.LastSeen), stored.ResolvedAt is { } r ? Time(r) : null,
                stored.ReopenCount.ToString(CultureInfo.InvariantCulture), stored.LastScanId, f.SecretFingerprint, f.SecretHint,
                f.Exemption?.Id, f.Exemption?.Owner, f.Exemption is { } e ? Time(e.ExpiresAt) : null)).Append('\n');
        }

        return text.ToString();
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
