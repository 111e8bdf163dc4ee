using AiSpm.Core.Ports;
using AiSpm.Core.Remediation;
using Azure;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary><see cref="IRotationStore"/> on Table storage: partition <c>rotation</c>, RowKey = encoded fingerprint.</summary>
public sealed class TableRotationStore(TableClient table) : IRotationStore
{
    private const string Partition = "rotation";

    /// <inheritdoc />
    public async Task<RotationRecord?> GetAsync(string fingerprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKey.Encode(fingerprint), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? FromEntity(entity.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<RotationRecord?> TryCreateAsync(RotationRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var response = await table.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
            return record with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<RotationRecord> UpdateAsync(RotationRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(record), record.Version is null ? ETag.All : new ETag(record.Version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return record with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            throw new ConcurrencyConflictException($"The rotation of {record.AccountId} {record.ExposedSlot} moved on elsewhere.", ex);
        }
    }

    private static TableEntity ToEntity(RotationRecord record) => new(Partition, TableKey.Encode(record.Fingerprint))
    {
        ["Fingerprint"] = record.Fingerprint,
        ["AccountId"] = record.AccountId,
        ["ExposedSlot"] = record.ExposedSlot,
        ["Stage"] = record.Stage.ToString(),
        ["UpdatedAt"] = record.UpdatedAt,
    };

    private static RotationRecord FromEntity(TableEntity entity) => new(
        entity.GetString("Fingerprint") ?? string.Empty,
        entity.GetString("AccountId") ?? string.Empty,
        entity.GetString("ExposedSlot") ?? string.Empty,
        Enum.Parse<RotationStage>(entity.GetString("Stage") ?? nameof(RotationStage.Planned)),
        entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        entity.ETag.ToString());
}
