using AiSpm.Core.Rules;
using System.Text.Json;
using AiSpm.Core.Assets;
using AiSpm.Core.Compliance;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Scans;
using AiSpm.Application.Scanning;

namespace AiSpm.Application.Reports;

/// <summary>What the HTML report shows, read from an installation's stores.</summary>
/// <param name="GeneratedAt">When the report was made.</param>
/// <param name="Open">Open findings.</param>
/// <param name="Resolved">How many findings are resolved.</param>
/// <param name="Assets">The AI inventory.</param>
/// <param name="Runs">Recent runs, newest first.</param>
/// <param name="Frameworks">Per-framework control status.</param>
public sealed record ReportModel(
    DateTimeOffset GeneratedAt,
    IReadOnlyList<StoredFinding> Open,
    int Resolved,
    IReadOnlyList<Asset> Assets,
    IReadOnlyList<ScanRun> Runs,
    IReadOnlyList<FrameworkAssessment> Frameworks)
{
    /// <summary>Findings a policy exemption holds (accepted risks), shown apart from the open ones.</summary>
    public IReadOnlyList<StoredFinding> Exempted { get; init; } = [];

    /// <summary>The policy in effect, in one line (<see cref="Core.Policy.ScanPolicy.Summary"/>), or null when unknown.</summary>
    public string? Policy { get; init; }

    /// <summary>Reads the model from an installation; <paramref name="rules"/> is the installation's catalogue under its policy.</summary>
    public static async Task<ReportModel> LoadAsync(IFindingStore findings, IAssetStore assetStore, IScanRunStore runStore, ISuppressionStore suppressions, TimeProvider? time = null, CancellationToken cancellationToken = default, RuleCatalog? rules = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var all = await findings.QueryAllAsync(new FindingQuery(), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);

        var open = all.Where(f => f.Status == FindingStatus.Open)
            .OrderByDescending(f => f.Finding.Severity).ThenBy(f => f.Finding.Key.RuleId, StringComparer.Ordinal).ThenBy(f => f.Finding.Key.ResourceId, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var assets = await assetStore.ListAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var runs = await runStore.ListRecentAsync(30, cancellationToken).ConfigureAwait(false);
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var accepted = await suppressions.ListAsync(cancellationToken).Where(s => s.IsActiveAt(now)).Select(s => s.FindingId)
            .ToHashSetAsync(StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var exempted = all.Where(f => f.Status == FindingStatus.Exempted)
            .OrderByDescending(f => f.Finding.Severity).ThenBy(f => f.Finding.Key.RuleId, StringComparer.Ordinal).ThenBy(f => f.Finding.Key.ResourceId, StringComparer.OrdinalIgnoreCase)
            .ToList();
        accepted.UnionWith(exempted.Select(f => f.Finding.Key.Id));
        var catalog = rules ?? RuleCatalog.Default;
        return new ReportModel(
            now,
            open,
            all.Count(f => f.Status == FindingStatus.Resolved),
            assets.OrderBy(a => a.Type, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            runs,
            new ComplianceEvaluator(catalog).Evaluate(open.Concat(exempted).Select(f => f.Finding), catalog.Evaluated.Select(r => r.Descriptor.Id).ToHashSet(StringComparer.OrdinalIgnoreCase), accepted))
        {
            Exempted = exempted,
            Policy = catalog.Policy?.Summary(),
        };
    }

    /// <summary>Open findings after each closed full scan (oldest first) from the runs' summaries; targeted re-scans count one resource only and are left out.</summary>
    public IReadOnlyList<(string RunId, DateTimeOffset At, int Open)> Trend() => Runs
        .Where(r => r.SummaryJson is not null && r.CompletedAt is not null && r.TargetResourceId is null)
        .OrderBy(r => r.CompletedAt)
        .Select(r => (r.RunId, r.CompletedAt!.Value, OpenIn(r.SummaryJson!)))
        .ToList();

    private static int OpenIn(string summaryJson)
    {
        try
        {
            using var document = JsonDocument.Parse(summaryJson);
            return document.RootElement.TryGetProperty("openBySeverity", out var bySeverity) && bySeverity.ValueKind == JsonValueKind.Object
                ? bySeverity.EnumerateObject().Sum(p => p.Value.TryGetInt32(out var n) ? n : 0)
                : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }
}
