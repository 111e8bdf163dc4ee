using System.Globalization;

namespace AiSpm.Emulator.Generation;

/// <summary>
/// The data plane of a generated search service that accepts Entra tokens (<c>search/{name}.json</c>): one to three
/// blob data sources on the subscription's data account, about a third with an account key in the connection string
/// and the rest with the service's managed identity (<c>ResourceId=…</c>), each read by one indexer.
/// </summary>
internal sealed class SearchDataPlaneWriter(TenantLayout layout, GenerationTotals totals)
{
    public void Service(string root, string name, int service, int subscription)
    {
        var random = SeededRandom.For(layout.Seed, "search-dataplane", service);
        var count = 1 + random.Next(3);
        var account = string.Create(CultureInfo.InvariantCulture, $"stdata{subscription:D4}");
        var accountId = $"{layout.ResourceGroupId(subscription, TenantLayout.Group("data", subscription))}/providers/Microsoft.Storage/storageAccounts/{account}";
        using var file = FixtureFileWriter.Single(root, $"search/{name}.json", totals);
        var w = file.Json;
        w.WriteStartArray("datasources");
        for (var i = 0; i < count; i++)
        {
            w.WriteStartObject();
            w.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"docs-{i}-ds"));
            w.WriteString("type", "azureblob");
            w.WriteStartObject("credentials");
            var keyRandom = SeededRandom.For(layout.Seed, "search-datasource-key", (service * 8) + i);
            w.WriteString("connectionString", random.Chance(0.35)
                ? $"DefaultEndpointsProtocol=https;AccountName={account};AccountKey={FakeKeys.StorageAccountKey(ref keyRandom)};EndpointSuffix=core.windows.net"
                : $"ResourceId={accountId};");
            w.WriteEndObject();
            w.WriteStartObject("container");
            w.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"docs-{i}"));
            w.WriteNull("query");
            w.WriteEndObject();
            w.WriteNull("identity");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("indexers");
        for (var i = 0; i < count; i++)
        {
            w.WriteStartObject();
            w.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"docs-{i}-indexer"));
            w.WriteString("dataSourceName", string.Create(CultureInfo.InvariantCulture, $"docs-{i}-ds"));
            w.WriteString("targetIndexName", string.Create(CultureInfo.InvariantCulture, $"docs-{i}-index"));
            w.WriteBoolean("disabled", false);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        totals.Count("search/datasources", count);
        totals.Count("search/indexers", count);
    }
}
