using System.Globalization;
using System.Text;
using System.Text.Json;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Ports;
using Azure;
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
    /// <remarks>
    /// An installation without the table (deployed before it existed) has no import. A stored part that no longer
    /// parses (a row edited by hand) is left out and named in <see cref="CopilotAdminImport.NotRead"/>, so its checks
    /// are Unknown rather than the directory shard failing.
    /// </remarks>
    public async Task<CopilotAdminImport?> LatestAsync(CancellationToken cancellationToken = default)
    {
        TableEntity? header = null;
        try
        {
            await foreach (var page in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {HeaderPartition}"), maxPerPage: 1, cancellationToken: cancellationToken)
                .AsPages().ConfigureAwait(false))
            {
                header = page.Values.FirstOrDefault();
                break;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }

        if (header is null)
        {
            return null;
        }

        var id = header.GetString("ImportId") ?? header.RowKey;
        var notRead = header.GetString("NotRead")?.Split('\n').ToList() ?? [];
        List<JsonElement>? packages = null;
        if (header.GetInt32("PackageCount") is { } count)
        {
            packages = new List<JsonElement>(count);
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {PackagePartition(id)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (Parse(row.GetString("Json")) is not { } package)
                {
                    notRead.Add($"{CopilotAdminImport.PackagesPart}: the stored package {row.RowKey} of import {id} cannot be read");
                    packages = null;
                    break;
                }

                packages.Add(package);
            }
        }

        var storedMode = header.GetString("LimitedModeJson");
        var limitedMode = storedMode is null ? null : Parse(storedMode);
        if (storedMode is not null && limitedMode is null)
        {
            notRead.Add($"{CopilotAdminImport.LimitedModePart}: the stored setting of import {id} cannot be read");
        }

        return new CopilotAdminImport
        {
            Id = id,
            ImportedAt = header.GetDateTimeOffset("ImportedAt") ?? header.Timestamp ?? DateTimeOffset.MinValue,
            ImportedBy = header.GetString("ImportedBy") ?? "(unknown)",
            ImportedByObjectId = header.GetString("ImportedByObjectId"),
            LimitedMode = limitedMode,
            Packages = packages,
            NotRead = notRead,
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

    private static JsonElement? Parse(string? json)
    {
        try
        {
            using var document = JsonDocument.Parse(json ?? string.Empty);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
