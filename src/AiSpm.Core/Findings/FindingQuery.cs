namespace AiSpm.Core.Findings;

/// <summary>Which stored findings to list. Null filters match everything.</summary>
/// <param name="Scope">A scope (<see cref="FindingScope"/>), or null for all.</param>
/// <param name="Status">A status, or null for all.</param>
/// <param name="MinimumSeverity">The lowest severity to include, or null for all.</param>
/// <param name="RuleId">A rule id, or null for all.</param>
/// <param name="PageSize">Findings per page, 1 to 1,000.</param>
/// <param name="ContinuationToken">The token of the previous page, or null for the first.</param>
/// <param name="ResolvedSince">Only findings resolved at or after this instant (filtered by the store), or null for all.</param>
/// <param name="RuleIds">Only findings of one of these rules (with <paramref name="RuleId"/>, of both), or null for all; at most <see cref="MaxRuleIds"/> in one query.</param>
public sealed record FindingQuery(
    string? Scope = null,
    FindingStatus? Status = null,
    Severity? MinimumSeverity = null,
    string? RuleId = null,
    int PageSize = 100,
    string? ContinuationToken = null,
    DateTimeOffset? ResolvedSince = null,
    IReadOnlyCollection<string>? RuleIds = null)
{
    /// <summary>
    /// The most rule ids one query carries: the Table service allows at most 15 comparisons in a filter, and the other
    /// conditions take up to five. <see cref="Ports.IFindingStore.QueryAllAsync"/> splits longer lists.
    /// </summary>
    public const int MaxRuleIds = 10;
}

/// <summary>A page of findings and the token of the next page (null at the end).</summary>
public sealed record FindingPage(IReadOnlyList<StoredFinding> Findings, string? ContinuationToken);
