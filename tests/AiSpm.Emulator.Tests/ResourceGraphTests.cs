using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Core;

namespace AiSpm.Emulator.Tests;

public sealed class ResourceGraphTests : IAsyncLifetime
{
    private const int AccountsPerSubscription = 700;
    private static readonly string[] SubscriptionIds = ["11111111-0000-0000-0000-000000000001", "11111111-0000-0000-0000-000000000002", "11111111-0000-0000-0000-000000000003"];
    private FixtureFolder _folder = null!;
    private EmulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        _folder = new FixtureFolder();
        _folder.Write("arm/subscriptions.json", new JsonObject
        {
            ["value"] = new JsonArray(SubscriptionIds.Select(s => (JsonNode)new JsonObject { ["id"] = "/subscriptions/" + s, ["subscriptionId"] = s, ["displayName"] = s[^1..] }).ToArray()),
        });
        var resources = new JsonArray();
        foreach (var subscription in SubscriptionIds)
        {
            for (var i = 0; i < AccountsPerSubscription; i++)
            {
                var id = $"/subscriptions/{subscription}/resourceGroups/RG-AI/providers/Microsoft.CognitiveServices/accounts/acct-{i:D4}";
                resources.Add(new JsonObject
                {
                    ["id"] = id,
                    ["name"] = $"acct-{i:D4}",
                    ["type"] = "Microsoft.CognitiveServices/accounts",
                    ["kind"] = i % 3 == 0 ? "OpenAI" : "AIServices",
                    ["location"] = "eastus",
                    ["properties"] = new JsonObject { ["disableLocalAuth"] = i % 2 == 0, ["publicNetworkAccess"] = i % 5 == 0 ? "Disabled" : "Enabled" },
                });
                if (i == 0)
                {
                    resources.Add(new JsonObject { ["id"] = id + "/deployments/gpt", ["name"] = "gpt", ["type"] = "Microsoft.CognitiveServices/accounts/deployments" });
                }
            }

            resources.Add(new JsonObject
            {
                ["id"] = $"/subscriptions/{subscription}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/st{subscription[^1]}",
                ["name"] = $"st{subscription[^1]}",
                ["type"] = "Microsoft.Storage/storageAccounts",
                ["location"] = "westeurope",
            });
        }

        _folder.Write("arm/resources/all.json", new JsonObject { ["value"] = resources });
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = _folder.Path });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Resource_graph_pages_1000_rows_at_a_time_with_a_skip_token()
    {
        var pipeline = new RawPipeline(_server);
        var ids = new List<string>();
        string? skipToken = null;
        var pages = 0;
        do
        {
            var options = new JsonObject { ["resultFormat"] = "objectArray" };
            if (skipToken is not null)
            {
                options["$skipToken"] = skipToken;
            }

            var (response, body) = await pipeline.SendAsync(RequestMethod.Post, "providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01", new JsonObject
            {
                ["subscriptions"] = new JsonArray(SubscriptionIds.Select(s => (JsonNode)s).ToArray()),
                ["query"] = "Resources | where type =~ 'Microsoft.CognitiveServices/accounts' and kind in~ ('openai', 'aiservices') | project id, name, kind, properties | order by id asc",
                ["options"] = options,
            });
            Assert.Equal(200, response.Status);
            Assert.Equal(SubscriptionIds.Length * AccountsPerSubscription, (int)body!["totalRecords"]!);
            Assert.True((int)body["count"]! <= 1000);
            ids.AddRange(body["data"]!.AsArray().Select(r => (string)r!["id"]!));
            skipToken = (string?)body["$skipToken"];
            pages++;
        }
        while (skipToken is not null);

        Assert.Equal(3, pages);
        Assert.Equal(SubscriptionIds.Length * AccountsPerSubscription, ids.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task Resource_graph_filters_projects_and_scopes_to_the_requested_subscriptions()
    {
        var (_, body) = await new RawPipeline(_server).SendAsync(RequestMethod.Post, "providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01", new JsonObject
        {
            ["subscriptions"] = new JsonArray(SubscriptionIds[0]),
            ["query"] = "resources | where type == 'microsoft.cognitiveservices/accounts' | where properties.disableLocalAuth == false and properties['publicNetworkAccess'] =~ 'enabled' | where isnotempty(kind) and name startswith 'acct-00' | project id, resourceGroup, localAuth = properties.disableLocalAuth",
        });

        var rows = body!["data"]!.AsArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.StartsWith($"/subscriptions/{SubscriptionIds[0]}/", (string)r!["id"]!, StringComparison.Ordinal);
            Assert.Equal("rg-ai", (string)r["resourceGroup"]!);
            Assert.False((bool)r["localAuth"]!);
            Assert.Equal(3, r.AsObject().Count);
        });
        var expected = Enumerable.Range(0, 100).Count(i => i % 2 == 1 && i % 5 != 0);
        Assert.Equal(expected, rows.Count);
    }

    [Fact]
    public async Task Resource_graph_resources_table_holds_no_child_resources()
    {
        var (_, body) = await new RawPipeline(_server).SendAsync(RequestMethod.Post, "providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01", new JsonObject
        {
            ["query"] = "resources | where type has 'deployments' or type =~ 'microsoft.storage/storageaccounts' | project id, type",
        });

        Assert.Equal(3, (int)body!["totalRecords"]!);
    }

    [Theory]
    [InlineData("Resources | extend x = 1", "extend")]
    [InlineData("Resources | summarize count() by type", "summarize")]
    [InlineData("Resources | where name has_any ('a', 'b')", "has_any")]
    [InlineData("Resources | where name matches regex 'a.*'", "matches")]
    [InlineData("AdvisorResources | project id", "AdvisorResources")]
    public async Task Unsupported_kql_answers_400_naming_the_operator(string query, string construct)
    {
        var (response, body) = await new RawPipeline(_server, maxRetries: 0).SendAsync(RequestMethod.Post, "providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01", new JsonObject { ["query"] = query });

        Assert.Equal(400, response.Status);
        Assert.Equal("BadRequest", (string)body!["error"]!["code"]!);
        Assert.Contains($"'{construct}", (string)body["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(construct, (string)body["error"]!["details"]![0]!["operator"]!);
    }

    [Fact]
    public async Task Queries_without_id_cannot_page_and_say_they_are_truncated()
    {
        var (_, body) = await new RawPipeline(_server).SendAsync(RequestMethod.Post, "providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01", new JsonObject
        {
            ["query"] = "resources | project name",
        });

        Assert.Equal("true", (string)body!["resultTruncated"]!);
        Assert.Null(body["$skipToken"]);
        Assert.Equal(1000, (int)body["count"]!);
        Assert.Equal(((SubscriptionIds.Length * AccountsPerSubscription) + 3).ToString(CultureInfo.InvariantCulture), body["totalRecords"]!.ToString());
    }
}
