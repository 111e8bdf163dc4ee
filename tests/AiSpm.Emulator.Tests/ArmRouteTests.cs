using System.Text.Json.Nodes;
using Azure.Core;

namespace AiSpm.Emulator.Tests;

public sealed class ArmRouteTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string ApiVersion = "?api-version=2024-10-01";

    [Fact]
    public async Task Child_and_extension_collections_list_from_ids()
    {
        var pipeline = new RawPipeline(emulator.Server);

        var (_, deployments) = await pipeline.SendAsync(RequestMethod.Get, SampleTenant.AccountId.TrimStart('/') + "/deployments" + ApiVersion);
        var (_, diagnostics) = await pipeline.SendAsync(RequestMethod.Get, SampleTenant.AccountId.TrimStart('/') + "/providers/Microsoft.Insights/diagnosticSettings" + ApiVersion);
        var (_, noPolicies) = await pipeline.SendAsync(RequestMethod.Get, SampleTenant.AccountId.TrimStart('/') + "/raiPolicies" + ApiVersion);
        var (_, byType) = await pipeline.SendAsync(RequestMethod.Get, $"subscriptions/{SampleTenant.SubscriptionA}/providers/Microsoft.CognitiveServices/accounts" + ApiVersion);
        var (_, inGroup) = await pipeline.SendAsync(RequestMethod.Get, $"subscriptions/{SampleTenant.SubscriptionA}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts" + ApiVersion);

        Assert.Equal("gpt-4o", (string)deployments!["value"]![0]!["name"]!);
        Assert.Equal("to-law", (string)diagnostics!["value"]![0]!["name"]!);
        Assert.Empty(noPolicies!["value"]!.AsArray());
        Assert.Equal("oai-prod", (string)Assert.Single(byType!["value"]!.AsArray())!["name"]!);
        Assert.Single(inGroup!["value"]!.AsArray());
    }

    [Fact]
    public async Task Lists_page_with_next_links()
    {
        var pipeline = new RawPipeline(emulator.Server);
        var names = new List<string>();
        string? next = $"subscriptions/{SampleTenant.SubscriptionB}/providers/Microsoft.Search/searchServices" + ApiVersion;
        while (next is not null)
        {
            var (_, page) = await pipeline.SendAsync(RequestMethod.Get, next);
            names.AddRange(page!["value"]!.AsArray().Select(r => (string)r!["name"]!));
            next = (string?)page["nextLink"];
        }

        Assert.Equal(SampleTenant.SearchServiceCount, names.Distinct().Count());
    }

    [Fact]
    public async Task The_models_list_pages_a_locations_models_lists_nothing_elsewhere_and_refuses_an_unknown_subscription()
    {
        var pipeline = new RawPipeline(emulator.Server, maxRetries: 0);
        var names = new List<string>();
        var pages = 0;
        string? next = $"subscriptions/{SampleTenant.SubscriptionB}/providers/Microsoft.CognitiveServices/locations/eastus/models" + ApiVersion;
        while (next is not null)
        {
            var (_, page) = await pipeline.SendAsync(RequestMethod.Get, next);
            names.AddRange(page!["value"]!.AsArray().Select(m => (string)m!["model"]!["name"]!));
            next = (string?)page["nextLink"];
            pages++;
        }

        var (_, empty) = await pipeline.SendAsync(RequestMethod.Get, $"subscriptions/{SampleTenant.SubscriptionA}/providers/Microsoft.CognitiveServices/locations/westus3/models" + ApiVersion);
        var (missing, error) = await pipeline.SendAsync(RequestMethod.Get, "subscriptions/cccccccc-0000-0000-0000-000000000003/providers/Microsoft.CognitiveServices/locations/eastus/models" + ApiVersion);

        Assert.Equal(SampleTenant.ModelCount, names.Distinct().Count());
        Assert.Equal(3, pages); // page size 10
        Assert.Empty(empty!["value"]!.AsArray());
        Assert.Null(empty["nextLink"]);
        Assert.Equal(404, missing.Status);
        Assert.Equal("SubscriptionNotFound", (string)error!["error"]!["code"]!);
        Assert.True(emulator.Server.Stats.CountOf("ARM GET /subscriptions/{subscriptionId}/providers/Microsoft.CognitiveServices/locations/{name}/models") >= 4);
    }

    [Fact]
    public async Task RegenerateKey_changes_the_stored_key_deterministically()
    {
        var pipeline = new RawPipeline(emulator.Server);
        var (_, before) = await pipeline.SendAsync(RequestMethod.Post, SampleTenant.AccountId.TrimStart('/') + "/listKeys" + ApiVersion);
        var (_, regenerated) = await pipeline.SendAsync(RequestMethod.Post, SampleTenant.AccountId.TrimStart('/') + "/regenerateKey" + ApiVersion, new JsonObject { ["keyName"] = "Key1" });
        var (_, after) = await pipeline.SendAsync(RequestMethod.Post, SampleTenant.AccountId.TrimStart('/') + "/listKeys" + ApiVersion);

        Assert.Equal("0123456789abcdef0123456789abcdef", (string)before!["key1"]!);
        Assert.NotEqual((string)before["key1"]!, (string)after!["key1"]!);
        Assert.Equal((string)regenerated!["key1"]!, (string)after["key1"]!);
        Assert.Equal((string)before["key2"]!, (string)after["key2"]!);
        Assert.Matches("^[0-9a-f]{32}$", (string)after["key1"]!);
    }

    [Fact]
    public async Task App_settings_list_returns_the_fixture_settings()
    {
        var (response, body) = await new RawPipeline(emulator.Server).SendAsync(RequestMethod.Post, SampleTenant.SiteId.TrimStart('/') + "/config/appsettings/list" + ApiVersion);

        var (_, secrets) = await new RawPipeline(emulator.Server).SendAsync(RequestMethod.Post, SampleTenant.SiteId.TrimStart('/') + "/listSecrets" + ApiVersion);

        Assert.Equal(200, response.Status);
        Assert.Equal("0123456789abcdef0123456789abcdef", (string)body!["properties"]!["AZURE_OPENAI_KEY"]!);
        Assert.Equal(SampleTenant.SiteId + "/config/appsettings", (string)body["id"]!);
        Assert.Empty(secrets!["value"]!.AsArray());
    }

    [Fact]
    public async Task Putting_app_settings_replaces_what_the_list_action_answers_and_a_malformed_body_is_refused()
    {
        var pipeline = new RawPipeline(emulator.Server, maxRetries: 0);
        var path = SampleTenant.SiteId.TrimStart('/') + "/config/appsettings";
        var (_, original) = await pipeline.SendAsync(RequestMethod.Post, path + "/list" + ApiVersion);
        try
        {
            var (put, putBody) = await pipeline.SendAsync(RequestMethod.Put, path + ApiVersion, new JsonObject { ["properties"] = new JsonObject { ["ONLY"] = "one" } });
            var (_, listed) = await pipeline.SendAsync(RequestMethod.Post, path + "/list" + ApiVersion);
            var (bad, badBody) = await pipeline.SendAsync(RequestMethod.Put, path + ApiVersion, new JsonObject { ["properties"] = new JsonObject { ["N"] = 5 } });

            Assert.Equal(200, put.Status);
            Assert.Equal("one", (string)putBody!["properties"]!["ONLY"]!);
            Assert.Equal(["ONLY"], listed!["properties"]!.AsObject().Select(p => p.Key));
            Assert.Equal(400, bad.Status);
            Assert.Equal("InvalidRequestContent", (string)badBody!["error"]!["code"]!);
        }
        finally
        {
            await pipeline.SendAsync(RequestMethod.Put, path + ApiVersion, new JsonObject { ["properties"] = original!["properties"]!.DeepClone() });
        }
    }

    [Fact]
    public async Task Unknown_routes_answer_404_with_an_arm_error()
    {
        var pipeline = new RawPipeline(emulator.Server, maxRetries: 0);

        var (missing, missingBody) = await pipeline.SendAsync(RequestMethod.Get, $"subscriptions/{SampleTenant.SubscriptionA}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/nope" + ApiVersion);
        var (route, routeBody) = await pipeline.SendAsync(RequestMethod.Get, "no/such/route" + ApiVersion);
        var (subscription, subscriptionBody) = await pipeline.SendAsync(RequestMethod.Get, "subscriptions/99999999-0000-0000-0000-000000000000/resources" + ApiVersion);

        Assert.Equal(404, missing.Status);
        Assert.Equal("ResourceNotFound", (string)missingBody!["error"]!["code"]!);
        Assert.Equal(404, route.Status);
        Assert.NotNull((string?)routeBody!["error"]!["message"]);
        Assert.Equal("SubscriptionNotFound", (string)subscriptionBody!["error"]!["code"]!);
    }

    [Fact]
    public async Task Missing_api_version_answers_400()
    {
        var (response, body) = await new RawPipeline(emulator.Server, maxRetries: 0).SendAsync(RequestMethod.Get, "subscriptions");

        Assert.Equal(400, response.Status);
        Assert.Equal("MissingApiVersionParameter", (string)body!["error"]!["code"]!);
    }

    [Fact]
    public async Task Requests_without_a_bearer_token_answer_401_in_each_service_shape()
    {
        using var client = new HttpClient(emulator.Server.CreateHandler()) { BaseAddress = emulator.Server.BaseUri };

        using var arm = await client.GetAsync(new Uri("subscriptions?api-version=2022-12-01", UriKind.Relative));
        using var graph = await client.GetAsync(new Uri("v1.0/servicePrincipals", UriKind.Relative));
        var graphBody = JsonNode.Parse(await graph.Content.ReadAsStringAsync())!;

        Assert.Equal(401, (int)arm.StatusCode);
        Assert.Equal(401, (int)graph.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", (string)graphBody["error"]!["code"]!);
        Assert.NotNull(graphBody["error"]!["innerError"]!["request-id"]);
    }

    [Fact]
    public async Task Graph_unknown_route_answers_404_with_a_graph_error()
    {
        var pipeline = new RawPipeline(emulator.Server, scope: "https://graph.microsoft.com/.default", maxRetries: 0);

        var (response, body) = await pipeline.SendAsync(RequestMethod.Get, "v1.0/noSuchCollection");

        Assert.Equal(404, response.Status);
        Assert.Equal("Request_ResourceNotFound", (string)body!["error"]!["code"]!);
        Assert.NotNull(body["error"]!["innerError"]!["date"]);
    }

    [Fact]
    public async Task Client_pinned_to_another_thumbprint_is_refused()
    {
        using var handler = Hosting.PinnedCertificateHandler.Create(new string('A', 64));
        using var client = new HttpClient(handler);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(emulator.Server.BaseUri, "_emulator/stats")));
    }

    [Fact]
    public async Task Teams_sink_records_posted_cards()
    {
        using var client = new HttpClient(emulator.Server.CreateHandler());
        var card = new JsonObject { ["type"] = "message", ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive" }) };

        using var posted = await client.PostAsync(emulator.Server.TeamsWebhookUri("alerts"), new StringContent(card.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var listed = JsonNode.Parse(await client.GetStringAsync(new Uri(emulator.Server.BaseUri, "_emulator/teams/alerts")))!;

        Assert.Equal(202, (int)posted.StatusCode);
        Assert.Equal("message", (string)listed["value"]![0]!["type"]!);
        Assert.Single(emulator.Server.Teams.PostsTo("alerts"));
    }

    [Fact]
    public async Task Deployment_history_lists_per_resource_group()
    {
        var (response, body) = await new RawPipeline(emulator.Server).SendAsync(RequestMethod.Get, $"subscriptions/{SampleTenant.SubscriptionA}/resourceGroups/rg-ai/providers/Microsoft.Resources/deployments" + ApiVersion);

        Assert.Equal(200, response.Status);
        Assert.Equal("ai-stack", (string)Assert.Single(body!["value"]!.AsArray())!["name"]!);
    }

    [Fact]
    public async Task Malformed_request_bodies_and_foreign_skip_tokens_answer_400_and_the_server_keeps_serving()
    {
        using var client = new HttpClient(emulator.Server.CreateHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.Server.BaseUri, SampleTenant.AccountId.TrimStart('/') + "/regenerateKey" + ApiVersion))
        {
            Content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "token");

        using var malformed = await client.SendAsync(request);
        var pipeline = new RawPipeline(emulator.Server, maxRetries: 0);
        var (foreign, _) = await pipeline.SendAsync(RequestMethod.Get, "subscriptions" + ApiVersion + "&$skiptoken=garbage!");
        var (after, _) = await pipeline.SendAsync(RequestMethod.Get, "subscriptions" + ApiVersion);

        Assert.Equal(400, (int)malformed.StatusCode);
        Assert.Equal("InvalidRequestContent", (string)JsonNode.Parse(await malformed.Content.ReadAsStringAsync())!["error"]!["code"]!);
        Assert.Equal(400, foreign.Status);
        Assert.Equal(200, after.Status);
    }
}
