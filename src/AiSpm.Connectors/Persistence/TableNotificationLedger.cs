using AiSpm.Core.Ports;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// The notification ledger in the Notifications table: PartitionKey = channel (<c>teams</c>), RowKey = the encoded key
/// (a finding id, or <c>digest</c>), columns <c>Key</c>, <c>State</c>, <c>SentAt</c>. A separate table keeps
/// notification bookkeeping out of the Findings rows, whose ETags guard the scan shards' writes.
/// </summary>
public sealed class TableNotificationLedger(TableClient table) : INotificationLedger
{
    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        var sent = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(channel)}"), select: ["PartitionKey", "RowKey", "Key", "State"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetString("Key") is { } key && entity.GetString("State") is { } state)
            {
                sent[key] = state;
            }
        }

        return sent;
    }

    /// <inheritdoc />
    public async Task MarkSentAsync(string channel, string key, string state, DateTimeOffset sentAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var entity = new TableEntity(TableKey.Encode(channel), TableKey.Encode(key))
        {
            ["Key"] = key,
            ["State"] = state,
            ["SentAt"] = sentAt,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
