using System.Globalization;
using System.Runtime.CompilerServices;
using AiSpm.Core.Audit;
using AiSpm.Core.Ports;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// <see cref="IAuditLog"/> on Table storage. All entries live in one partition (<c>chain</c>) with RowKey = the
/// sequence number padded to 19 digits, plus a <c>head</c> row holding the last sequence and hash. An append
/// inserts the next entry and moves the head in one entity-group transaction guarded by the head's ETag, so two
/// writers can never both append entry N: the loser re-reads the head and appends N+1.
/// </summary>
public sealed class TableAuditLog : IAuditLog
{
    private const string Partition = "chain";
    private const string HeadRow = "head";
    private const int MaxAttempts = 20;
    private readonly TableClient _table;
    private readonly TimeProvider _time;

    /// <summary>Creates the log over the Audit table.</summary>
    public TableAuditLog(TableClient table, TimeProvider? time = null)
    {
        _table = table;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, HeadRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            var head = stored.HasValue ? stored.Value : null;
            var sequence = (head?.GetInt64("Sequence") ?? 0) + 1;
            var previousHash = head?.GetString("Hash") ?? AuditChain.GenesisHash;
            var entry = AuditChain.Create(sequence, _time.GetUtcNow(), record, previousHash);
            var newHead = new TableEntity(Partition, HeadRow) { ["Sequence"] = entry.Sequence, ["Hash"] = entry.Hash };
            var headAction = head is null
                ? new TableTransactionAction(TableTransactionActionType.Add, newHead)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, newHead, head.ETag);
            try
            {
                await _table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, ToEntity(entry)), headAction], cancellationToken).ConfigureAwait(false);
                return entry;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditEntry> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ne {HeadRow}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new AuditEntry(
                entity.GetInt64("Sequence") ?? -1,
                entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
                new AuditRecord(
                    entity.GetString("Actor") ?? string.Empty,
                    entity.GetString("Action") ?? string.Empty,
                    entity.GetString("Target") ?? string.Empty,
                    entity.GetString("Details") ?? string.Empty),
                entity.GetString("PreviousHash") ?? string.Empty,
                entity.GetString("Hash") ?? string.Empty);
        }
    }

    /// <inheritdoc />
    public async Task<AuditChainVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var entries = await ReadAsync(cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = AuditChain.Verify(entries);
        if (!result.IsIntact)
        {
            return result;
        }

        var stored = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, HeadRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        var head = stored.HasValue ? stored.Value : null;
        var headSequence = head?.GetInt64("Sequence") ?? 0;
        if (headSequence != result.VerifiedEntries || !string.Equals(head?.GetString("Hash") ?? result.HeadHash, result.HeadHash, StringComparison.Ordinal))
        {
            return AuditChainVerification.Broken(result.VerifiedEntries, Math.Max(headSequence, result.VerifiedEntries),
                $"the head says the chain ends at entry {headSequence}, but {result.VerifiedEntries} entries are stored (entries were removed from the end)");
        }

        return result;
    }

    private static TableEntity ToEntity(AuditEntry entry) => new(Partition, entry.Sequence.ToString("D19", CultureInfo.InvariantCulture))
    {
        ["Sequence"] = entry.Sequence,
        ["At"] = entry.Timestamp,
        ["Actor"] = entry.Record.Actor,
        ["Action"] = entry.Record.Action,
        ["Target"] = entry.Record.Target,
        ["Details"] = entry.Record.Details,
        ["PreviousHash"] = entry.PreviousHash,
        ["Hash"] = entry.Hash,
    };
}
