using AiSpm.Core.Findings;

namespace AiSpm.Core.Ports;

/// <summary>Stores findings with their lifecycle across scans.</summary>
public interface IFindingStore
{
    /// <summary>
    /// Records what scan <paramref name="scanId"/> saw: new findings open with FirstSeen = <paramref name="seenAt"/>;
    /// known ones keep FirstSeen and move LastSeen/LastScanId; resolved ones reopen. Recording the same
    /// observations again for the same scan changes nothing (shards are redelivered).
    /// </summary>
    Task<FindingUpsertSummary> RecordAsync(string scanId, IReadOnlyCollection<Finding> observations, DateTimeOffset seenAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records what scan <paramref name="scanId"/> saw, like <see cref="RecordAsync"/>, and resolves what
    /// <paramref name="resolution"/> says the scan looked at but no longer saw, like <see cref="ResolveUnseenAsync"/> on
    /// each of its scopes — reading each scope's stored findings once for both (a shard's subscriptions in one read).
    /// </summary>
    Task<FindingReconciliation> ReconcileAsync(string scanId, IReadOnlyCollection<Finding> observations, UnseenResolution resolution, DateTimeOffset seenAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resolves the open findings of <paramref name="scope"/> that scan <paramref name="scanId"/> did not see,
    /// optionally only those of one resource (targeted re-scans). Findings whose id is in <paramref name="keep"/> stay
    /// open (the scan could not decide them: missing data is not a fix). Returns how many were resolved.
    /// Only findings of rules that <paramref name="rules"/> accepts are considered (null: every rule): scan shards leave
    /// attack paths to the run's close, which decides them on the whole graph.
    /// </summary>
    Task<int> ResolveUnseenAsync(string scope, string scanId, DateTimeOffset resolvedAt, string? resourceId = null, IReadOnlySet<string>? keep = null, Func<string, bool>? rules = null, CancellationToken cancellationToken = default);

    /// <summary>Reads one finding by id, or null.</summary>
    Task<StoredFinding?> GetAsync(string scope, string findingId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces what an open finding says (detail, evidence, severity) and keeps its lifecycle (first and last seen,
    /// scan, reopen count). False when the finding is neither open nor exempted.
    /// </summary>
    Task<bool> AmendAsync(Finding finding, CancellationToken cancellationToken = default);

    /// <summary>Lists findings page by page.</summary>
    Task<FindingPage> QueryAsync(FindingQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams every finding matching <paramref name="query"/> (its page size and continuation token aside); more
    /// <see cref="FindingQuery.RuleIds"/> than one query may carry are asked for in turn.
    /// </summary>
    IAsyncEnumerable<StoredFinding> QueryAllAsync(FindingQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The findings in each of <paramref name="statuses"/> of <paramref name="scope"/> (null: every scope) whose resource
    /// <paramref name="covers"/> accepts (null: all), counted by severity in one read of the columns it needs, for run
    /// summaries (open and exempted findings are counted apart), of the rules <paramref name="rules"/> selects (null: all).
    /// Every status asked has an entry, empty when none.
    /// </summary>
    Task<IReadOnlyDictionary<FindingStatus, IReadOnlyDictionary<Severity, int>>> CountBySeverityAsync(string? scope, IReadOnlyCollection<FindingStatus> statuses, Func<string, bool>? covers = null, CancellationToken cancellationToken = default, RuleIdPrefix? rules = null);
}
