using System.Runtime.CompilerServices;
using AiSpm.Core.Ports;
using AiSpm.Core.Suppressions;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary><see cref="ISuppressionStore"/> on Table storage, keyed exactly like the finding it suppresses.</summary>
public sealed class TableSuppressionStore : ISuppressionStore
{
    private readonly TableClient _table;

    /// <summary>Creates the store over the Suppressions table.</summary>
    public TableSuppressionStore(TableClient table) => _table = table;

    /// <inheritdoc />
    public async Task SaveAsync(Suppression suppression, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suppression);
        if (string.IsNullOrWhiteSpace(suppression.Justification))
        {
            throw new ArgumentException("A suppression needs a justification.", nameof(suppression));
        }

        if (suppression.ExpiresAt <= suppression.CreatedAt)
        {
            throw new ArgumentException("A suppression must expire after it is created.", nameof(suppression));
        }

        TableKey.Validate(suppression.Scope, nameof(suppression));
        TableKey.Validate(suppression.FindingId, nameof(suppression));
        await _table.UpsertEntityAsync(
            new TableEntity(suppression.Scope, suppression.FindingId)
            {
                ["Justification"] = suppression.Justification,
                ["CreatedBy"] = suppression.CreatedBy,
                ["CreatedAt"] = suppression.CreatedAt,
                ["ExpiresAt"] = suppression.ExpiresAt,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Suppression?> GetAsync(string scope, string findingId, CancellationToken cancellationToken = default)
    {
        TableKey.Validate(scope, nameof(scope));
        TableKey.Validate(findingId, nameof(findingId));
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(scope, findingId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? FromEntity(entity.Value!) : null;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Suppression> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    private static Suppression FromEntity(TableEntity entity) => new(
        entity.RowKey,
        entity.PartitionKey,
        entity.GetString("Justification") ?? string.Empty,
        entity.GetString("CreatedBy") ?? string.Empty,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue);
}
