using System.Runtime.CompilerServices;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using Azure;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// <see cref="IFindingStore"/> on Table storage. One partition per scope, so recording a shard's observations is
/// one read of the partition's lifecycle columns plus transactional batches guarded by ETags; a lost race
/// re-reads the partition and tries again, which is safe because recording is idempotent per scan.
/// </summary>
public sealed class TableFindingStore : IFindingStore
{
    private const int MaxAttempts = 5;

    /// <summary>The most comparisons the Table service allows in one filter.</summary>
    private const int MaxFilterComparisons = 15;

    /// <summary>The whole table in ranges of subscription partitions by the first digit of their id (and the tenant's and the environments' apart).</summary>
    private static readonly IReadOnlyList<string> WholeTableRanges = TableKeyRanges.ByFirstHexDigitAfter(FindingScope.SubscriptionPrefix);

    /// <summary>What recording and resolving decide on: the lifecycle columns, the resource and rule a resolution filters by, and the severity a tally counts.</summary>
    private static readonly IReadOnlyList<string> ReconcileColumns = [.. FindingEntityMapping.LifecycleColumns, "ResourceId", "RuleId", "SubKey", "Severity"];
    private readonly TableClient _table;
    private readonly int _maxParallelPartitions;

    /// <summary>Creates the store over the Findings table.</summary>
    public TableFindingStore(TableClient table, int maxParallelPartitions = 8)
    {
        _table = table;
        _maxParallelPartitions = maxParallelPartitions;
    }

    /// <inheritdoc />
    public async Task<FindingUpsertSummary> RecordAsync(string scanId, IReadOnlyCollection<Finding> observations, DateTimeOffset seenAt, CancellationToken cancellationToken = default) =>
        (await ReconcileScopesAsync(scanId, observations, null, seenAt, cancellationToken).ConfigureAwait(false)).Recorded;

    /// <inheritdoc />
    public Task<FindingReconciliation> ReconcileAsync(string scanId, IReadOnlyCollection<Finding> observations, UnseenResolution resolution, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        foreach (var scope in resolution.Scopes)
        {
            ArgumentException.ThrowIfNullOrEmpty(scope, nameof(resolution));
        }

        return ReconcileScopesAsync(scanId, observations, resolution, seenAt, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> ResolveUnseenAsync(string scope, string scanId, DateTimeOffset resolvedAt, string? resourceId = null, IReadOnlySet<string>? keep = null, Func<string, bool>? rules = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(scanId);
        var resolution = new UnseenResolution([scope], resourceId, keep, rules);
        for (var attempt = 1; ; attempt++)
        {
            // Exempted findings resolve like open ones when the scope no longer shows them.
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {scope} and (Status eq {nameof(FindingStatus.Open)} or Status eq {nameof(FindingStatus.Exempted)}) and LastScanId ne {scanId}");
            var stale = new List<TableTransactionAction>();
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ReconcileColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (!resolution.Resolves(row.RowKey, row.GetString("ResourceId"), row.GetString("RuleId")))
                {
                    continue;
                }

                stale.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, ResolvedRow(row.PartitionKey, row.RowKey, scanId, resolvedAt), row.ETag));
            }

            try
            {
                await _table.SubmitInBatchesAsync(stale, 1, cancellationToken).ConfigureAwait(false);
                return stale.Count;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404 && attempt < MaxAttempts)
            {
                // A shard of the same scan touched the partition meanwhile: the query above sees its writes next time.
            }
        }
    }

    /// <inheritdoc />
    public async Task<StoredFinding?> GetAsync(string scope, string findingId, CancellationToken cancellationToken = default)
    {
        TableKey.Validate(scope, nameof(scope));
        TableKey.Validate(findingId, nameof(findingId));
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(scope, findingId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? FindingEntityMapping.ToStoredFinding(entity.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<bool> AmendAsync(Finding finding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finding);
        for (var attempt = 1; ; attempt++)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(finding.Key.Scope, finding.Key.Id, FindingEntityMapping.LifecycleColumns, cancellationToken).ConfigureAwait(false);
            if (!row.HasValue || row.Value!.GetString("Status") is not (nameof(FindingStatus.Open) or nameof(FindingStatus.Exempted)))
            {
                return false;
            }

            var content = FindingEntityMapping.ToContentEntity(finding);
            try
            {
                await _table.UpdateEntityAsync(content, row.Value.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
            {
                // A shard wrote the row meanwhile: read it again.
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<FindingStatus, IReadOnlyDictionary<Severity, int>>> CountBySeverityAsync(string? scope, IReadOnlyCollection<FindingStatus> statuses,
        Func<string, bool>? covers = null, CancellationToken cancellationToken = default, RuleIdPrefix? rules = null)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var counts = statuses.Distinct().ToDictionary(s => s, _ => new Dictionary<Severity, int>());
        if (counts.Count == 0)
        {
            return new Dictionary<FindingStatus, IReadOnlyDictionary<Severity, int>>();
        }

        // One read for every status asked: a summary's open and exempted findings come from the same pass.
        var byStatus = string.Join(" or ", counts.Keys.Order().Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}")));
        var filter = scope is null ? byStatus : $"{TableClient.CreateQueryFilter($"PartitionKey eq {scope}")} and ({byStatus})";

        // The rules of a prefix (a few, such as the paths) are selected by the service in one query; every other rule
        // (most rows) is told apart here from the rule id, which spares the service a comparison per row.
        var few = rules is { Without: false };
        if (few)
        {
            filter = $"({filter}) and {TableClient.CreateQueryFilter($"RuleId ge {rules!.Prefix} and RuleId lt {rules.UpperBound}")}";
        }

        // Across scopes (a run's summary) the table is read range by range, like the other whole-table reads. The
        // resource ids (long strings) are read only when a filter needs them.
        List<string> columns = ["Status", "Severity"];
        if (covers is not null)
        {
            columns.Add("ResourceId");
        }

        if (rules is not null)
        {
            columns.Add("RuleId");
        }

        var rows = scope is null && !few
            ? _table.QueryByRangesAsync<TableEntity>(filter, WholeTableRanges, columns, cancellationToken)
            : _table.QueryAsync<TableEntity>(filter, 1000, columns, cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (Enum.TryParse<FindingStatus>(row.GetString("Status"), out var status) && counts.TryGetValue(status, out var bySeverity)
                && (rules is null || rules.Selects(row.GetString("RuleId")))
                && (covers is null || covers(row.GetString("ResourceId") ?? string.Empty)) && Enum.TryParse<Severity>(row.GetString("Severity"), out var severity))
            {
                bySeverity[severity] = bySeverity.GetValueOrDefault(severity) + 1;
            }
        }

        return counts.ToDictionary(c => c.Key, c => (IReadOnlyDictionary<Severity, int>)c.Value);
    }

    /// <inheritdoc />
    public async Task<FindingPage> QueryAsync(FindingQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "PageSize must be between 1 and 1,000.");
        }

        var continuation = FindingEntityMapping.DecodeContinuation(query.ContinuationToken);
        var pages = _table.QueryAsync<TableEntity>(FilterOf(query).Filter, query.PageSize, cancellationToken: cancellationToken)
            .AsPages(continuation, query.PageSize);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            return new FindingPage(
                page.Values.Select(FindingEntityMapping.ToStoredFinding).ToList(),
                page.ContinuationToken is { Length: > 1 } next ? FindingEntityMapping.EncodeContinuation(next) : null);
        }

        return new FindingPage([], null);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredFinding> QueryAllAsync(FindingQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.RuleIds?.Distinct(StringComparer.Ordinal).ToList() is { Count: > FindingQuery.MaxRuleIds } ruleIds)
        {
            foreach (var chunk in ruleIds.Chunk(FindingQuery.MaxRuleIds))
            {
                await foreach (var finding in QueryAllAsync(query with { RuleIds = chunk }, cancellationToken).ConfigureAwait(false))
                {
                    yield return finding;
                }
            }

            yield break;
        }

        // Across scopes the table is read range by range (two comparisons more, when the filter has room for them), like
        // the other whole-table reads: on Azurite each page of a query costs a pass over the rows it may match.
        var (filter, comparisons) = FilterOf(query);
        var rows = query.Scope is null && comparisons + 2 <= MaxFilterComparisons
            ? _table.QueryByRangesAsync<TableEntity>(filter, WholeTableRanges, cancellationToken: cancellationToken)
            : _table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            yield return FindingEntityMapping.ToStoredFinding(row);
        }
    }

    /// <summary>The filter of <paramref name="query"/> (null: every row) and how many comparisons it makes.</summary>
    private static (string? Filter, int Comparisons) FilterOf(FindingQuery query)
    {
        var conditions = new List<string>();
        var comparisons = 0;
        if (query.Scope is not null)
        {
            conditions.Add(TableClient.CreateQueryFilter($"PartitionKey eq {query.Scope}"));
            comparisons++;
        }

        if (query.Status is { } status)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Status eq {status.ToString()}"));
            comparisons++;
        }

        if (query.ResolvedSince is { } since)
        {
            conditions.Add(TableClient.CreateQueryFilter($"ResolvedAt ge {since}"));
            comparisons++;
        }

        if (query.MinimumSeverity is { } severity)
        {
            conditions.Add(TableClient.CreateQueryFilter($"SeverityRank ge {(int)severity}"));
            comparisons++;
        }

        if (query.RuleId is not null)
        {
            conditions.Add(TableClient.CreateQueryFilter($"RuleId eq {query.RuleId}"));
            comparisons++;
        }

        if (query.RuleIds?.Distinct(StringComparer.Ordinal).ToList() is { } ruleIds)
        {
            if (ruleIds.Count > FindingQuery.MaxRuleIds)
            {
                throw new ArgumentOutOfRangeException(nameof(query), ruleIds.Count, $"At most {FindingQuery.MaxRuleIds} rule ids fit in one query (the Table service allows {MaxFilterComparisons} comparisons in a filter); QueryAllAsync splits longer lists.");
            }

            conditions.Add(AnyRule(ruleIds));
            comparisons += Math.Max(1, ruleIds.Count);
        }

        return (conditions.Count == 0 ? null : string.Join(" and ", conditions.Select(c => $"({c})")), comparisons);
    }

    /// <summary>A filter matching rows of any of <paramref name="ruleIds"/> (one comparison each).</summary>
    private static string AnyRule(IEnumerable<string> ruleIds)
    {
        var ids = ruleIds.Distinct(StringComparer.Ordinal).ToList();

        // No rule at all matches nothing; the Table service has no 'false', so a rule id no finding has stands in.
        return ids.Count == 0
            ? TableClient.CreateQueryFilter($"RuleId eq {string.Empty}")
            : string.Join(" or ", ids.Select(id => TableClient.CreateQueryFilter($"RuleId eq {id}")));
    }

    private async Task<FindingReconciliation> ReconcileScopesAsync(string scanId, IReadOnlyCollection<Finding> observations, UnseenResolution? resolution, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scanId);
        ArgumentNullException.ThrowIfNull(observations);
        var observed = observations
            .GroupBy(f => f.Key.Id, StringComparer.Ordinal).Select(g => g.Last()) // one observation per finding
            .GroupBy(f => f.Key.Scope, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Finding>)[.. g], StringComparer.Ordinal);
        var resolving = resolution?.Scopes.ToHashSet(StringComparer.Ordinal) ?? [];
        var scopes = observed.Keys.Union(resolving, StringComparer.Ordinal).ToList();

        // The rows are read up front for every scope at once, a shard's subscriptions in one range. Resolving needs every
        // row; otherwise, when the observations come from a few rules (a run's attack paths, in hundreds of
        // subscriptions and the tenant's partition of tens of thousands of findings), only those rules' rows are read.
        var rules = observations.Select(f => f.Key.RuleId).Distinct(StringComparer.Ordinal).ToList();
        var stored = await ReadScopesAsync(scopes, resolution is null && rules.Count <= FindingQuery.MaxRuleIds ? rules : null, cancellationToken).ConfigureAwait(false);
        var results = new List<FindingReconciliation>();
        var gate = new object();
        await Parallel.ForEachAsync(
            scopes,
            new ParallelOptions { MaxDegreeOfParallelism = _maxParallelPartitions, CancellationToken = cancellationToken },
            async (scope, ct) =>
            {
                var result = await ReconcilePartitionAsync(
                    scope, scanId, observed.GetValueOrDefault(scope) ?? [], resolving.Contains(scope) ? resolution : null, stored[scope], seenAt, ct).ConfigureAwait(false);
                lock (gate)
                {
                    results.Add(result);
                }
            }).ConfigureAwait(false);
        // A tally of whole scopes: only when every scope was resolved whole (a partition outside them has none).
        var whole = resolution is { ResourceId: null } && results.All(r => r.Tally is not null);
        return new FindingReconciliation(
            results.Aggregate(FindingUpsertSummary.Empty, (sum, r) => sum.Add(r.Recorded)),
            results.Sum(r => r.Resolved),
            whole ? results.Aggregate(FindingTally.Empty, (sum, r) => sum.Add(r.Tally!)) : null,
            whole ? [.. results.SelectMany(r => r.KeptOpen!)] : null);
    }

    /// <summary>
    /// The reconcile columns of every row of <paramref name="scopes"/> (of <paramref name="rules"/> only, when given), by
    /// scope and row key. Subscription scopes are adjacent keys (a shard's subscriptions are consecutive in the plan's
    /// order), so they are read as one PartitionKey range (rows of a subscription in the range that is not asked for are
    /// dropped); other scopes one partition query each.
    /// </summary>
    private async Task<Dictionary<string, Dictionary<string, TableEntity>>> ReadScopesAsync(IReadOnlyCollection<string> scopes, IReadOnlyList<string>? rules, CancellationToken cancellationToken)
    {
        var rows = scopes.ToDictionary(s => s, _ => new Dictionary<string, TableEntity>(StringComparer.Ordinal), StringComparer.Ordinal);
        var subscriptions = scopes.Where(s => s.StartsWith(FindingScope.SubscriptionPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var filters = new List<string>();
        if (subscriptions.Count > 1)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey ge {subscriptions[0]} and PartitionKey le {subscriptions[^1]}"));
        }

        filters.AddRange(scopes
            .Where(s => subscriptions.Count <= 1 || !s.StartsWith(FindingScope.SubscriptionPrefix, StringComparison.Ordinal))
            .Select(s => TableClient.CreateQueryFilter($"PartitionKey eq {s}")));
        foreach (var scopeFilter in filters)
        {
            var filter = rules is null ? scopeFilter : $"{scopeFilter} and ({AnyRule(rules)})";
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ReconcileColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (rows.TryGetValue(row.PartitionKey, out var scope))
                {
                    scope[row.RowKey] = row;
                }
            }
        }

        return rows;
    }

    private async Task<FindingReconciliation> ReconcilePartitionAsync(
        string scope, string scanId, IReadOnlyList<Finding> observations, UnseenResolution? resolution, Dictionary<string, TableEntity> stored, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // A retry reads the whole partition: whatever made the first attempt conflict (a row of another rule under
            // the same id, a writer in between) is then in view.
            var existing = attempt == 1 ? stored : (await ReadScopesAsync([scope], null, cancellationToken).ConfigureAwait(false))[scope];

            int created = 0, updated = 0, reopened = 0, unchanged = 0;
            var actions = new List<TableTransactionAction>(observations.Count);
            foreach (var finding in observations)
            {
                var entity = FindingEntityMapping.ToObservationEntity(finding, scanId, seenAt);
                if (!existing.TryGetValue(finding.Key.Id, out var row))
                {
                    entity["FirstSeen"] = seenAt;
                    entity["ReopenCount"] = 0;
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, entity));
                    created++;
                    continue;
                }

                var wasResolved = row.GetString("Status") == nameof(FindingStatus.Resolved);
                if (!wasResolved && row.GetString("LastScanId") == scanId)
                {
                    unchanged++;
                    continue;
                }

                if (wasResolved)
                {
                    entity["ReopenCount"] = (row.GetInt32("ReopenCount") ?? 0) + 1;
                    entity["ReopenedAt"] = seenAt;
                    reopened++;
                }
                else
                {
                    updated++;
                }

                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, row.ETag));
            }

            var resolved = resolution is null ? [] : AddResolutions(actions, existing.Values, observations, resolution, scanId, seenAt);
            try
            {
                // One action per finding row, so the transactions need no order: a large partition (the tenant's
                // directory findings) goes up to four transactions at a time.
                await _table.SubmitInBatchesAsync(actions, 4, cancellationToken, unorderedWithinPartition: true).ConfigureAwait(false);
                var recorded = new FindingUpsertSummary(created, updated, reopened, unchanged);
                if (resolution is not { ResourceId: null })
                {
                    return new FindingReconciliation(recorded, resolved.Count);
                }

                var (tally, keptOpen) = WhatRemains(existing.Values, observations, resolved, resolution);
                return new FindingReconciliation(recorded, resolved.Count, tally, keptOpen);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404 && attempt < MaxAttempts)
            {
                // Another writer changed this partition between our read and write; earlier batches of this
                // attempt are recorded with this scan id and count as unchanged on the next pass.
            }
        }
    }

    /// <summary>
    /// What a whole partition holds once the observations are written and the <paramref name="resolved"/> rows resolved,
    /// in one pass: the tally of its open and exempted findings of the rules <paramref name="resolution"/> governs (an
    /// observation is open, or exempted when its exemption says so; every other row keeps its status and severity, and a
    /// row whose severity cannot be read is not counted, as the summary's count of the table does not), and the keys of
    /// its open rows, every rule, that were neither observed nor resolved: they stay open as they are.
    /// </summary>
    private static (FindingTally Tally, List<FindingKey> KeptOpen) WhatRemains(IEnumerable<TableEntity> rows, IReadOnlyList<Finding> observations, IReadOnlySet<string> resolved, UnseenResolution resolution)
    {
        var tally = new FindingTally.Builder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in observations)
        {
            seen.Add(finding.Key.Id);
            if (resolution.Rules is null || resolution.Rules(finding.Key.RuleId))
            {
                tally.Count(finding.Exemption is null ? FindingStatus.Open : FindingStatus.Exempted, finding.Severity);
            }
        }

        var kept = new List<FindingKey>();
        foreach (var row in rows)
        {
            if (seen.Contains(row.RowKey) || resolved.Contains(row.RowKey) || !Enum.TryParse<FindingStatus>(row.GetString("Status"), out var status))
            {
                continue;
            }

            var ruleId = row.GetString("RuleId");
            if ((resolution.Rules is null || resolution.Rules(ruleId ?? string.Empty)) && Enum.TryParse<Severity>(row.GetString("Severity"), out var severity))
            {
                tally.Count(status, severity);
            }

            if (status == FindingStatus.Open && ruleId is { Length: > 0 } && row.GetString("ResourceId") is { Length: > 0 } resourceId)
            {
                kept.Add(new FindingKey(ruleId, resourceId, row.GetString("SubKey")));
            }
        }

        return (tally.Build(), kept);
    }

    /// <summary>
    /// Adds a resolution for every open or exempted row the scan did not see (and did not record earlier: a redelivered
    /// shard) that <paramref name="resolution"/> resolves; each guarded by the row's ETag. Returns the rows resolved.
    /// </summary>
    private static HashSet<string> AddResolutions(List<TableTransactionAction> actions, IEnumerable<TableEntity> rows, IReadOnlyList<Finding> observations, UnseenResolution resolution, string scanId, DateTimeOffset resolvedAt)
    {
        var seen = observations.Select(f => f.Key.Id).ToHashSet(StringComparer.Ordinal);
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.GetString("Status") is not (nameof(FindingStatus.Open) or nameof(FindingStatus.Exempted))
                || row.GetString("LastScanId") == scanId
                || seen.Contains(row.RowKey)
                || !resolution.Resolves(row.RowKey, row.GetString("ResourceId"), row.GetString("RuleId")))
            {
                continue;
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, ResolvedRow(row.PartitionKey, row.RowKey, scanId, resolvedAt), row.ETag));
            added.Add(row.RowKey);
        }

        return added;
    }

    private static TableEntity ResolvedRow(string scope, string findingId, string scanId, DateTimeOffset resolvedAt) => new(scope, findingId)
    {
        ["Status"] = nameof(FindingStatus.Resolved),
        ["ResolvedAt"] = resolvedAt,
        ["ResolvedByScanId"] = scanId,
    };
}
