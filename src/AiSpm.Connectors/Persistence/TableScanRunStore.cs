using AiSpm.Connectors.Storage.Tables;
using AiSpm.Core.Ports;
using AiSpm.Core.Scans;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// <see cref="IScanRunStore"/> on Table storage: one partition <c>run</c>, RowKey = inverted start ticks + run id,
/// so the newest runs come first; a lookup row per run id (<c>id</c> partition) points at it. Updates carry the
/// ETag, so the fan-in counter cannot lose an increment; each completed shard leaves a marker row beside its run,
/// written in the same transaction as the counter, so a redelivered shard is never counted twice.
/// </summary>
public sealed class TableScanRunStore : IScanRunStore
{
    private const string RunPartition = "run";
    private const string IndexPartition = "id";
    private readonly TableClient _table;

    /// <summary>Creates the store over the ScanRuns table.</summary>
    public TableScanRunStore(TableClient table) => _table = table;

    /// <inheritdoc />
    public async Task<ScanRun> CreateAsync(ScanRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var rowKey = RowKeyOf(run);
        var index = new TableEntity(IndexPartition, TableKey.Encode(run.RunId)) { ["RunRowKey"] = rowKey };
        await _table.AddEntityAsync(index, cancellationToken).ConfigureAwait(false);
        var entity = ToEntity(run, rowKey);
        await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        return run with { Version = entity.ETag };
    }

    /// <inheritdoc />
    public async Task<ScanRun?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        var index = await _table.GetEntityAsync(IndexPartition, TableKey.Encode(runId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (index?.GetString("RunRowKey") is not { } rowKey)
        {
            return null;
        }

        var entity = await _table.GetEntityAsync(RunPartition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : FromEntity(entity);
    }

    /// <inheritdoc />
    public async Task<ScanRun> UpdateAsync(ScanRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Version is null)
        {
            throw new ArgumentException("Only a run read from the store (with a Version) can be updated.", nameof(run));
        }

        var entity = ToEntity(run, RowKeyOf(run));
        try
        {
            await _table.UpdateEntityAsync(entity, run.Version, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (EntityConcurrencyException ex)
        {
            throw new ConcurrencyConflictException($"Scan run {run.RunId} changed since it was read.", ex);
        }

        return run with { Version = entity.ETag };
    }

    /// <inheritdoc />
    public async Task<ShardCompletion> CompleteShardAsync(string runId, int shardIndex, bool failed, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        for (var attempt = 1; ; attempt++)
        {
            var run = await GetAsync(runId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Scan run '{runId}' does not exist.");
            var rowKey = RowKeyOf(run);
            var markerKey = $"{rowKey}~s{shardIndex:D6}";
            if (await _table.GetEntityAsync(RunPartition, markerKey, ["Failed"], cancellationToken).ConfigureAwait(false) is not null)
            {
                return new ShardCompletion(run, AlreadyCompleted: true);
            }

            var updated = run with { ShardsCompleted = run.ShardsCompleted + 1, ShardsFailed = run.ShardsFailed + (failed ? 1 : 0) };
            var marker = new TableEntity(RunPartition, markerKey) { ["Kind"] = "shard", ["Failed"] = failed, ["RunId"] = runId };
            var entity = ToEntity(updated, rowKey);
            try
            {
                await _table.SubmitTransactionAsync([TableOperation.Insert(marker), new TableOperation(TableOperationKind.UpdateReplace, entity, run.Version)], cancellationToken).ConfigureAwait(false);
                return new ShardCompletion(updated with { Version = entity.ETag }, AlreadyCompleted: false);
            }
            catch (TableBatchFailedException ex) when (ex.Status is 409 or 412 && attempt < 50)
            {
                // 409: another delivery of this shard counted it first (next pass sees the marker);
                // 412: another shard moved the counter; re-read and try again.
                await Task.Delay(Random.Shared.Next(5, 10 + (5 * attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScanRun>> ListRecentAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var page = await _table.QueryPageAsync(
            new TableQuery(TableFilter.And(TableFilter.Equal("PartitionKey", RunPartition), TableFilter.Equal("Kind", "run")), PageSize: Math.Min(count, 1000)),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return page.Entities.Select(FromEntity).ToList();
    }

    private static string RowKeyOf(ScanRun run) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - run.StartedAt.UtcTicks:D19}_{TableKey.Encode(run.RunId)}";

    private static TableEntity ToEntity(ScanRun run, string rowKey) => new(RunPartition, rowKey)
    {
        ["Kind"] = "run",
        ["RunId"] = run.RunId,
        ["Trigger"] = run.Trigger,
        ["StartedAt"] = run.StartedAt,
        ["Status"] = run.Status.ToString(),
        ["ShardsPlanned"] = run.ShardsPlanned,
        ["ShardsCompleted"] = run.ShardsCompleted,
        ["ShardsFailed"] = run.ShardsFailed,
        ["CompletedAt"] = run.CompletedAt,
        ["SummaryJson"] = run.SummaryJson,
        ["TargetResourceId"] = run.TargetResourceId,
    };

    private static ScanRun FromEntity(TableEntity entity) => new()
    {
        RunId = entity.GetString("RunId")!,
        Trigger = entity.GetString("Trigger") ?? string.Empty,
        StartedAt = entity.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
        Status = Enum.Parse<ScanRunStatus>(entity.GetString("Status") ?? nameof(ScanRunStatus.Running)),
        ShardsPlanned = entity.GetInt32("ShardsPlanned") ?? 0,
        ShardsCompleted = entity.GetInt32("ShardsCompleted") ?? 0,
        ShardsFailed = entity.GetInt32("ShardsFailed") ?? 0,
        CompletedAt = entity.GetDateTimeOffset("CompletedAt"),
        SummaryJson = entity.GetString("SummaryJson"),
        TargetResourceId = entity.GetString("TargetResourceId"),
        Version = entity.ETag,
    };
}
