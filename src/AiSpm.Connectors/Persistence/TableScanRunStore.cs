using AiSpm.Core.Ports;
using AiSpm.Core.Scans;
using Azure;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// <see cref="IScanRunStore"/> on Table storage: one partition <c>run</c>, RowKey = inverted start ticks + run id,
/// so the newest runs come first; a lookup row per run id (<c>id</c> partition) points at it. Updates carry the
/// ETag, so two writers of one run cannot lose each other's change.
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
        var response = await _table.AddEntityAsync(ToEntity(run, rowKey), cancellationToken).ConfigureAwait(false);
        return run with { Version = response.Headers.ETag?.ToString() };
    }

    /// <inheritdoc />
    public async Task<ScanRun?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var index = await _table.GetEntityIfExistsAsync<TableEntity>(IndexPartition, TableKey.Encode(runId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!index.HasValue || index.Value!.GetString("RunRowKey") is not { } rowKey)
        {
            return null;
        }

        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(RunPartition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? FromEntity(entity.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<ScanRun> UpdateAsync(ScanRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Version is null)
        {
            throw new ArgumentException("Only a run read from the store (with a Version) can be updated.", nameof(run));
        }

        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(run, RowKeyOf(run)), new ETag(run.Version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return run with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            throw new ConcurrencyConflictException($"Scan run {run.RunId} changed since it was read.", ex);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScanRun>> ListRecentAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var runs = new List<ScanRun>(Math.Min(count, 1000));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RunPartition} and Kind eq {"run"}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, Math.Min(count, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            runs.Add(FromEntity(entity));
            if (runs.Count == count)
            {
                break;
            }
        }

        return runs;
    }

    private static string RowKeyOf(ScanRun run) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - run.StartedAt.UtcTicks:D19}_{TableKey.Encode(run.RunId)}";

    private static TableEntity ToEntity(ScanRun run, string rowKey) => new TableEntity(RunPartition, rowKey)
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
    }.WithoutNulls();

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
        Version = entity.ETag.ToString(),
    };
}
