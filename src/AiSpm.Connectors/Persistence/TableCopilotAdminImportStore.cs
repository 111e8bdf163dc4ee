using System.Globalization;
using System.Text;
using System.Text.Json;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Ports;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// <see cref="ICopilotAdminImportStore"/> on Table storage. One header row per import in partition <c>import</c>, keyed
/// newest first (inverted ticks), with who, when and the limited mode object; the catalogue packages as rows of their own
/// in partition <c>packages-{importId}</c>, written before the header, so an interrupted import is never the newest.
/// </summary>
public sealed class TableCopilotAdminImportStore(TableClient table) : ICopilotAdminImportStore
{
    private const string HeaderPartition = "import";

    /// <summary>The largest package kept as Graph answered it; a larger one keeps only what the checks read.</summary>
    private const int MaxPackageBytes = 60 * 1024;

    private static readonly string[] PackageFields = ["id", "displayName", "type", "publisher", "appId", "isBlocked", "availableTo", "deployedTo", "elementTypes"];

    /// <inheritdoc />
    public async Task SaveAsync(CopilotAdminImport import, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(import);
        TableKey.Validate(import.Id, nameof(import));
        if (import.Packages is { } packages)
        {
            var rows = packages.Select((p, i) => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(PackagePartition(import.Id), i.ToString("D6", CultureInfo.InvariantCulture)) { ["Json"] = Bounded(p) }));
            foreach (var batch in TableTransactionBatches.Plan(rows))
            {
                await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }

        var header = new TableEntity(HeaderPartition, NewestFirst(import.ImportedAt, import.Id))
        {
            ["ImportId"] = import.Id,
            ["ImportedAt"] = import.ImportedAt,
            ["ImportedBy"] = import.ImportedBy,
            ["ImportedByObjectId"] = import.ImportedByObjectId,
            ["LimitedModeJson"] = import.LimitedMode?.GetRawText(),
            ["PackageCount"] = import.Packages?.Count,
            ["NotRead"] = import.NotRead.Count == 0 ? null : string.Join('\n', import.NotRead),
        };
        await table.UpsertEntityAsync(header.WithoutNulls(), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<CopilotAdminImport?> LatestAsync(CancellationToken cancellationToken = default)
    {
        TableEntity? header = null;
        await foreach (var page in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {HeaderPartition}"), maxPerPage: 1, cancellationToken: cancellationToken)
            .AsPages().ConfigureAwait(false))
        {
            header = page.Values.FirstOrDefault();
            break;
        }

        if (header is null)
        {
            return null;
        }

        var id = header.GetString("ImportId") ?? header.RowKey;
        List<JsonElement>? packages = null;
        if (header.GetInt32("PackageCount") is { } count)
        {
            packages = new List<JsonElement>(count);
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {PackagePartition(id)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                packages.Add(Parse(row.GetString("Json")));
            }
        }

        return new CopilotAdminImport
        {
            Id = id,
            ImportedAt = header.GetDateTimeOffset("ImportedAt") ?? header.Timestamp ?? DateTimeOffset.MinValue,
            ImportedBy = header.GetString("ImportedBy") ?? "(unknown)",
            ImportedByObjectId = header.GetString("ImportedByObjectId"),
            LimitedMode = header.GetString("LimitedModeJson") is { } mode ? Parse(mode) : null,
            Packages = packages,
            NotRead = header.GetString("NotRead")?.Split('\n') ?? [],
        };
    }

    private static string PackagePartition(string importId) => "packages-" + importId;

    private static string NewestFirst(DateTimeOffset at, string id) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + id;

    /// <summary>The package as Graph answered it, or, past what a table property holds, only the properties the checks read.</summary>
    private static string Bounded(JsonElement package)
    {
        var raw = package.GetRawText();
        if (Encoding.UTF8.GetByteCount(raw) <= MaxPackageBytes || package.ValueKind != JsonValueKind.Object)
        {
            return raw;
        }

        var kept = PackageFields.Where(f => package.TryGetProperty(f, out _)).ToDictionary(f => f, f => package.GetProperty(f));
        return JsonSerializer.Serialize(kept);
    }

    private static JsonElement Parse(string? json)
    {
        using var document = JsonDocument.Parse(json ?? "null");
        return document.RootElement.Clone();
    }
}
