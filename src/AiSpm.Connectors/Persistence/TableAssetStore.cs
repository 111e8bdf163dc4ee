using System.Runtime.CompilerServices;
using System.Text.Json;
using AiSpm.Core.Assets;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary><see cref="IAssetStore"/> on Table storage: PartitionKey = scope, RowKey = <see cref="TableKey.ForResourceId"/>; the class by its name (<c>ai-app</c>, …).</summary>
public sealed class TableAssetStore : IAssetStore
{
    /// <summary>Partitions are scopes: <c>sub-{subscription id}</c>, an environment's, the tenant's.</summary>
    private static readonly IReadOnlyList<string> WholeTableRanges = TableKeyRanges.ByFirstHexDigitAfter(FindingScope.SubscriptionPrefix);

    private readonly TableClient _table;

    /// <summary>Creates the store over the Assets table.</summary>
    public TableAssetStore(TableClient table) => _table = table;

    /// <inheritdoc />
    public async Task RecordAsync(string scanId, IReadOnlyCollection<Asset> assets, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var operations = assets
            .GroupBy(a => a.ResourceId, StringComparer.OrdinalIgnoreCase).Select(g => g.Last())
            .Select(asset => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(asset.Scope, TableKey.ForResourceId(asset.ResourceId))
            {
                ["ResourceId"] = asset.ResourceId,
                ["Class"] = AssetClassNames.Of(asset.Class),
                ["Type"] = asset.Type,
                ["Name"] = asset.Name,
                ["Kind"] = asset.Kind,
                ["Location"] = asset.Location,
                ["TagsJson"] = JsonSerializer.Serialize(asset.Tags),
                ["PropertiesJson"] = asset.PropertiesJson,
                ["LastSeen"] = seenAt,
                ["LastScanId"] = scanId,
            }.WithoutNulls()));
        // One action per asset (deduplicated above): the transactions of a partition need no order.
        await _table.SubmitInBatchesAsync(operations, cancellationToken: cancellationToken, unorderedWithinPartition: true).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task RemoveAsync(IReadOnlyCollection<Asset> assets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assets);
        return _table.DeleteRowsAsync(assets.Select(a => (a.Scope, TableKey.ForResourceId(a.ResourceId))), cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Asset> ListAsync(string? scope = null, CancellationToken cancellationToken = default) => ListAsync(scope, withFacts: true, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<Asset> ListAsync(string? scope, bool withFacts, CancellationToken cancellationToken = default) =>
        QueryAsync(scope is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {scope}"), scope is null, withFacts, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The scope left out is left out by the service: its rows are neither sent nor parsed.</remarks>
    public IAsyncEnumerable<Asset> ListAllButAsync(string exceptScope, bool withFacts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(exceptScope);
        return QueryAsync(TableClient.CreateQueryFilter($"PartitionKey ne {exceptScope}"), wholeTable: true, withFacts, cancellationToken);
    }

    private async IAsyncEnumerable<Asset> QueryAsync(string? filter, bool wholeTable, bool withFacts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IEnumerable<string>? select = withFacts ? null : ["ResourceId", "Class", "Type", "Name", "Kind", "Location", "LastSeen"];
        // The whole table is read range by range (the Table endpoint's pages then cost what a range holds, not the table).
        var rows = wholeTable
            ? _table.QueryByRangesAsync<TableEntity>(filter, WholeTableRanges, select, cancellationToken)
            : _table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            yield return new Asset
            {
                ResourceId = row.GetString("ResourceId")!,
                // Rows written before asset classes existed are Azure AI resources; a class this version does not know is listed as such too.
                Class = AssetClassNames.TryParse(row.GetString("Class"), out var assetClass) ? assetClass : AssetClass.AiResource,
                Type = row.GetString("Type") ?? string.Empty,
                Name = row.GetString("Name") ?? string.Empty,
                Kind = row.GetString("Kind"),
                Location = row.GetString("Location"),
                Tags = row.GetString("TagsJson") is { Length: > 0 } tags ? JsonSerializer.Deserialize<Dictionary<string, string>>(tags) ?? [] : [],
                PropertiesJson = row.GetString("PropertiesJson"),
                LastSeen = row.GetDateTimeOffset("LastSeen"),
            };
        }
    }
}
