using AiSpm.Connectors.Storage.Tables;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// <see cref="IFindingStore"/> on Table storage. One partition per scope, so recording a shard's observations is
/// one read of the partition's lifecycle columns plus transactional batches guarded by ETags; a lost race
/// re-reads the partition and tries again, which is safe because recording is idempotent per scan.
/// </summary>
public sealed class TableFindingStore : IFindingStore
{
    private const int MaxAttempts = 5;
    private readonly TableClient _table;
    private readonly int _maxParallelPartitions;

    /// <summary>Creates the store over the Findings table.</summary>
    public TableFindingStore(TableClient table, int maxParallelPartitions = 8)
    {
        _table = table;
        _maxParallelPartitions = maxParallelPartitions;
    }

    /// <inheritdoc />
    public async Task<FindingUpsertSummary> RecordAsync(string scanId, IReadOnlyCollection<Finding> observations, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scanId);
        ArgumentNullException.ThrowIfNull(observations);
        var summaries = new List<FindingUpsertSummary>();
        var gate = new object();
        var partitions = observations
            .GroupBy(f => f.Key.Id, StringComparer.Ordinal).Select(g => g.Last()) // one observation per finding
            .GroupBy(f => f.Key.Scope, StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            partitions,
            new ParallelOptions { MaxDegreeOfParallelism = _maxParallelPartitions, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                var summary = await RecordPartitionAsync(partition.Key, scanId, partition.ToList(), seenAt, ct).ConfigureAwait(false);
                lock (gate)
                {
                    summaries.Add(summary);
                }
            }).ConfigureAwait(false);
        return summaries.Aggregate(FindingUpsertSummary.Empty, (a, b) => a.Add(b));
    }

    /// <inheritdoc />
    public async Task<int> ResolveUnseenAsync(string scope, string scanId, DateTimeOffset resolvedAt, string? resourceId = null, IReadOnlySet<string>? keep = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(scanId);
        for (var attempt = 1; ; attempt++)
        {
            var filter = TableFilter.And(
                TableFilter.Equal("PartitionKey", scope),
                TableFilter.Equal("Status", nameof(FindingStatus.Open)),
                TableFilter.NotEqual("LastScanId", scanId));
            var stale = new List<TableOperation>();
            await foreach (var row in _table.QueryAsync(new TableQuery(filter, ["ResourceId", "Status", "LastScanId"]), cancellationToken).ConfigureAwait(false))
            {
                if ((resourceId is not null && !string.Equals(row.GetString("ResourceId"), resourceId, StringComparison.OrdinalIgnoreCase))
                    || (keep is not null && keep.Contains(row.RowKey)))
                {
                    continue;
                }

                var update = new TableEntity(row.PartitionKey, row.RowKey)
                {
                    ["Status"] = nameof(FindingStatus.Resolved),
                    ["ResolvedAt"] = resolvedAt,
                    ["ResolvedByScanId"] = scanId,
                };
                stale.Add(new TableOperation(TableOperationKind.UpdateMerge, update, row.ETag));
            }

            try
            {
                await _table.SubmitBatchesAsync(stale, 1, cancellationToken).ConfigureAwait(false);
                return stale.Count;
            }
            catch (TableBatchFailedException ex) when (ex.Status is 412 or 404 && attempt < MaxAttempts)
            {
                // A shard of the same scan touched the partition meanwhile: the query above sees its writes next time.
            }
        }
    }

    /// <inheritdoc />
    public async Task<StoredFinding?> GetAsync(string scope, string findingId, CancellationToken cancellationToken = default)
    {
        var entity = await _table.GetEntityAsync(scope, findingId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : FindingEntityMapping.ToStoredFinding(entity);
    }

    /// <inheritdoc />
    public async Task<bool> AmendAsync(Finding finding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finding);
        for (var attempt = 1; ; attempt++)
        {
            var row = await _table.GetEntityAsync(finding.Key.Scope, finding.Key.Id, FindingEntityMapping.LifecycleColumns, cancellationToken).ConfigureAwait(false);
            if (row is null || row.GetString("Status") != nameof(FindingStatus.Open))
            {
                return false;
            }

            var content = FindingEntityMapping.ToContentEntity(finding);
            try
            {
                await _table.UpdateEntityAsync(content, row.ETag!, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (EntityConcurrencyException) when (attempt < MaxAttempts)
            {
                // A shard wrote the row meanwhile: read it again.
            }
        }
    }

    /// <inheritdoc />
    public async Task<FindingPage> QueryAsync(FindingQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "PageSize must be between 1 and 1,000.");
        }

        var conditions = new List<string>();
        if (query.Scope is not null)
        {
            conditions.Add(TableFilter.Equal("PartitionKey", query.Scope));
        }

        if (query.Status is { } status)
        {
            conditions.Add(TableFilter.Equal("Status", status.ToString()));
        }

        if (query.ResolvedSince is { } since)
        {
            conditions.Add(TableFilter.Compare("ResolvedAt", "ge", since));
        }

        if (query.MinimumSeverity is { } severity)
        {
            conditions.Add($"SeverityRank ge {(int)severity}");
        }

        if (query.RuleId is not null)
        {
            conditions.Add(TableFilter.Equal("RuleId", query.RuleId));
        }

        var page = await _table.QueryPageAsync(
            new TableQuery(conditions.Count == 0 ? null : TableFilter.And([.. conditions]), PageSize: query.PageSize),
            FindingEntityMapping.DecodeContinuation(query.ContinuationToken),
            cancellationToken).ConfigureAwait(false);
        return new FindingPage(
            page.Entities.Select(FindingEntityMapping.ToStoredFinding).ToList(),
            page.Continuation is null ? null : FindingEntityMapping.EncodeContinuation(page.Continuation));
    }

    private async Task<FindingUpsertSummary> RecordPartitionAsync(string scope, string scanId, IReadOnlyList<Finding> observations, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            var query = new TableQuery(TableFilter.Equal("PartitionKey", scope), FindingEntityMapping.LifecycleColumns);
            await foreach (var row in _table.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                existing[row.RowKey] = row;
            }

            int created = 0, updated = 0, reopened = 0, unchanged = 0;
            var operations = new List<TableOperation>(observations.Count);
            foreach (var finding in observations)
            {
                var entity = FindingEntityMapping.ToObservationEntity(finding, scanId, seenAt);
                if (!existing.TryGetValue(finding.Key.Id, out var row))
                {
                    entity["FirstSeen"] = seenAt;
                    entity["ReopenCount"] = 0;
                    operations.Add(TableOperation.Insert(entity));
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

                operations.Add(new TableOperation(TableOperationKind.UpdateMerge, entity, row.ETag));
            }

            try
            {
                await _table.SubmitBatchesAsync(operations, 1, cancellationToken).ConfigureAwait(false);
                return new FindingUpsertSummary(created, updated, reopened, unchanged);
            }
            catch (TableBatchFailedException ex) when (ex.Status is 409 or 412 or 404 && attempt < MaxAttempts)
            {
                // Another writer changed this partition between our read and write; earlier batches of this
                // attempt are recorded with this scan id and count as unchanged on the next pass.
            }
        }
    }
}
