using System.Text.Json;
using System.Text.Json.Nodes;
using AiSpm.Connectors.Arm;
using AiSpm.Core.Inventory.AzureAi;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AiSpm.Connectors.Collection;

/// <summary>
/// Reads an AI Search service's data sources and indexers from its data plane with a Microsoft Entra token
/// (<c>https://search.azure.com/.default</c>; the service must accept role-based access, and the installation's
/// identity needs Search Service Contributor, see docs/grounding-data.md): one <c>GET /datasources</c> and one
/// <c>GET /indexers</c> per service, and for each data source whose list entry carries no connection string one
/// <c>GET /datasources('name')?includeConnectionString=true</c> (bounded). A connection string is reduced to
/// <see cref="DataSourceConnection"/> where it is read and goes no further. Each object becomes an inventory row
/// under the service: <c>{service id}/datasources/{name}</c> and <c>{service id}/indexers/{name}</c>.
/// </summary>
public sealed class SearchDataPlaneReader(ArmConnection connection)
{
    /// <summary>The data-plane api-version read with.</summary>
    public const string ApiVersion = "2024-07-01";

    /// <summary>The token scope of the AI Search data plane.</summary>
    public const string Scope = "https://search.azure.com/.default";

    private readonly HttpPipeline _pipeline = connection.DataPlanePipeline(Scope);

    /// <summary>The data-plane endpoint of a search service: <c>properties.endpoint</c> when ARM reports it, else <c>https://{name}.search.windows.net</c>.</summary>
    public static Uri EndpointOf(AiResource service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.PropertyString("endpoint") is { Length: > 0 } endpoint && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : new Uri($"https://{service.Name.ToLowerInvariant()}.search.windows.net/");
    }

    /// <summary>The service's data sources and indexers as inventory rows.</summary>
    /// <param name="service">The search service.</param>
    /// <param name="maxConnectionStringReads">At most this many per-data-source reads for connection strings the list left out.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="RequestFailedException">A list was refused or failed (403 when role-based access is off or the role is missing).</exception>
    public async Task<IReadOnlyList<JsonElement>> ReadAsync(AiResource service, int maxConnectionStringReads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var endpoint = EndpointOf(service);
        var rows = new List<JsonElement>();
        var reads = 0;
        foreach (var dataSource in await ListAsync(endpoint, "datasources", cancellationToken).ConfigureAwait(false))
        {
            if (String(dataSource, "name") is not { Length: > 0 } name)
            {
                continue;
            }

            var connectionString = dataSource.TryGetProperty("credentials", out var credentials) && credentials.ValueKind == JsonValueKind.Object ? String(credentials, "connectionString") : null;
            var described = DataSourceConnection.Read(connectionString);
            if (connectionString is null && reads < maxConnectionStringReads)
            {
                reads++;
                described = await ReadConnectionAsync(endpoint, name, cancellationToken).ConfigureAwait(false);
            }

            rows.Add(DataSourceRow(service.Id, name, dataSource, described));
        }

        foreach (var indexer in await ListAsync(endpoint, "indexers", cancellationToken).ConfigureAwait(false))
        {
            if (String(indexer, "name") is { Length: > 0 } name)
            {
                rows.Add(IndexerRow(service.Id, name, indexer));
            }
        }

        return rows;
    }

    private async Task<DataSourceConnection> ReadConnectionAsync(Uri endpoint, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await SendAsync(new Uri(endpoint, $"datasources('{Uri.EscapeDataString(name.Replace("'", "''", StringComparison.Ordinal))}')?api-version={ApiVersion}&includeConnectionString=true"), cancellationToken).ConfigureAwait(false);
            return document.RootElement.TryGetProperty("credentials", out var credentials) && credentials.ValueKind == JsonValueKind.Object
                ? DataSourceConnection.Read(String(credentials, "connectionString"))
                : DataSourceConnection.Unknown;
        }
        catch (Exception ex) when (ex is RequestFailedException or JsonException)
        {
            // The list was readable; a refused or unparsable single read leaves how this one authenticates unknown.
            return DataSourceConnection.Unknown;
        }
    }

    private async Task<List<JsonElement>> ListAsync(Uri endpoint, string collection, CancellationToken cancellationToken)
    {
        using var document = await SendAsync(new Uri(endpoint, $"{collection}?api-version={ApiVersion}"), cancellationToken).ConfigureAwait(false);
        return document.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => e.Clone())]
            : throw new JsonException($"The {collection} list of {endpoint.Host} has no 'value' array.");
    }

    private async Task<JsonDocument> SendAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue("Accept", "application/json");
        await _pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);

        return await JsonDocument.ParseAsync(message.Response.ContentStream ?? Stream.Null, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A data source as an inventory row: its documented properties without <c>credentials</c> or <c>encryptionKey</c>, and what its connection string said.</summary>
    private static JsonElement DataSourceRow(string serviceId, string name, JsonElement dataSource, DataSourceConnection connection)
    {
        var properties = new JsonObject
        {
            ["type"] = String(dataSource, "type") ?? "unknown",
            ["credentials"] = WithoutNulls(new JsonObject
            {
                ["kind"] = connection.Kind.ToString(),
                ["resourceId"] = connection.ResourceId,
                ["accountName"] = connection.AccountName,
            }),
        };
        if (dataSource.TryGetProperty("container", out var container) && container.ValueKind == JsonValueKind.Object)
        {
            properties["container"] = WithoutNulls(new JsonObject { ["name"] = String(container, "name"), ["query"] = String(container, "query") });
        }

        if (dataSource.TryGetProperty("identity", out var identity) && identity.ValueKind == JsonValueKind.Object)
        {
            properties["identity"] = WithoutNulls(new JsonObject { ["odataType"] = String(identity, "@odata.type"), ["userAssignedIdentity"] = String(identity, "userAssignedIdentity") });
        }

        return Row(serviceId, "datasources", "dataSources", name, properties);
    }

    /// <summary>An indexer as an inventory row: which data source feeds which index, with what skillset and schedule.</summary>
    private static JsonElement IndexerRow(string serviceId, string name, JsonElement indexer)
    {
        var properties = WithoutNulls(new JsonObject
        {
            ["dataSourceName"] = String(indexer, "dataSourceName"),
            ["targetIndexName"] = String(indexer, "targetIndexName"),
            ["skillsetName"] = String(indexer, "skillsetName"),
        });
        if (indexer.TryGetProperty("disabled", out var disabled) && disabled.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            properties["disabled"] = disabled.GetBoolean();
        }

        if (indexer.TryGetProperty("schedule", out var schedule) && schedule.ValueKind == JsonValueKind.Object)
        {
            properties["schedule"] = new JsonObject { ["interval"] = String(schedule, "interval") };
        }

        return Row(serviceId, "indexers", "indexers", name, properties);
    }

    private static JsonElement Row(string serviceId, string segment, string typeSegment, string name, JsonObject properties) =>
        JsonSerializer.SerializeToElement(new JsonObject
        {
            ["id"] = $"{serviceId}/{segment}/{name}",
            ["name"] = name,
            ["type"] = $"Microsoft.Search/searchServices/{typeSegment}",
            ["properties"] = properties,
        });

    /// <summary>The object without its null members: a value the service did not give is absent, as in ARM objects, never an empty string.</summary>
    private static JsonObject WithoutNulls(JsonObject value)
    {
        foreach (var name in value.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            value.Remove(name);
        }

        return value;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
