using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Core.Findings;
using AiSpm.Core.Scans;
using AiSpm.Application.Events;
using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using AiSpm.Cli.Hosting;
using AiSpm.Testing;

namespace AiSpm.Cli.Tests.Hosting;

/// <summary>Posts the Functions host's real envelope shapes to the custom-handler server.</summary>
public sealed class CustomHandlerServerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string ApiKey = "test-key-0123456789abcdef";

    private static async Task<(ScanHarness Harness, CustomHandlerServer Server, HttpClient Client)> StartAsync(AzuriteFixture azurite, bool local = false)
    {
        var harness = await ScanHarness.StartAsync(azurite);
        var functions = harness.FunctionApp(new ResourceChangeFilter(["aispm-self-app-id"]));
        var server = await CustomHandlerServer.StartAsync(new ServerOptions { Port = 0, LocalMode = local, ApiKey = local ? ApiKey : null }, functions);
        return (harness, server, new HttpClient { BaseAddress = server.BaseUri });
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string TimerEnvelope() =>
        """{"Data":{"timer":{"Schedule":{},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"ScheduledScan","UtcNow":"2026-11-22T04:00:00Z","RandGuid":"7c7a0f3e-5f4d-4c55-8d0a-3a3c4c1b2e11"}}}""";

    private static string QueueEnvelope(string messageText) => JsonSerializer.Serialize(new
    {
        Data = new { shard = JsonSerializer.Serialize(messageText) },
        Metadata = new { DequeueCount = 1, Id = Guid.NewGuid().ToString(), PopReceipt = "AgAAAAMAAAAAAAAA", sys = new { MethodName = "ScanShard" } },
    });

    private static async Task DeliverQueuedShardsAsync(ScanHarness harness, HttpClient client)
    {
        while (true)
        {
            var messages = (await harness.ShardQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
            if (messages.Length == 0)
            {
                return;
            }

            foreach (var message in messages)
            {
                var response = await client.PostAsync("/ScanShard", Json(QueueEnvelope(message.Body.ToString())));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await harness.ShardQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    [Fact]
    public async Task Timer_envelope_to_findings_in_table_storage()
    {
        var (harness, server, client) = await StartAsync(azurite);
        await using var _ = harness;
        await using var __ = server;

        var timer = await client.PostAsync("/ScheduledScan", Json(TimerEnvelope()));
        using var body = JsonDocument.Parse(await timer.Content.ReadAsStringAsync());
        await DeliverQueuedShardsAsync(harness, client);
        var runs = await harness.Runs.ListRecentAsync(5);
        var findings = await harness.Findings.QueryAsync(new FindingQuery(Status: FindingStatus.Open, PageSize: 1000));

        Assert.Equal(HttpStatusCode.OK, timer.StatusCode);
        Assert.Contains("Started scan", body.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(ScanRunStatus.Completed, Assert.Single(runs).Status);
        Assert.Contains(findings.Findings, f => f.Finding.Key.RuleId == "AISPM-1001");
    }

    [Fact]
    public async Task Event_grid_envelope_triggers_the_targeted_rescan_and_ignores_own_calls()
    {
        var (harness, server, client) = await StartAsync(azurite);
        await using var _ = harness;
        await using var __ = server;
        await client.PostAsync("/ScheduledScan", Json(TimerEnvelope()));
        await DeliverQueuedShardsAsync(harness, client);
        const string account = "/subscriptions/6f1c0a00-0000-4000-8000-000000000003/resourceGroups/rg-sandbox/providers/Microsoft.CognitiveServices/accounts/oai-sandbox-playground";
        await new ArmRestClient(harness.Tenant.ConnectArm()).PatchAsync(account, "2024-10-01", new { properties = new { disableLocalAuth = true } });

        string EventEnvelope(string appId) => JsonSerializer.Serialize(new
        {
            Data = new
            {
                @event = JsonSerializer.Serialize(new
                {
                    id = Guid.NewGuid().ToString(),
                    topic = "/subscriptions/6f1c0a00-0000-4000-8000-000000000003",
                    subject = account,
                    eventType = "Microsoft.Resources.ResourceWriteSuccess",
                    eventTime = "2026-11-22T04:05:00Z",
                    dataVersion = "2",
                    metadataVersion = "1",
                    data = new
                    {
                        resourceUri = account,
                        operationName = "Microsoft.CognitiveServices/accounts/write",
                        status = "Succeeded",
                        subscriptionId = "6f1c0a00-0000-4000-8000-000000000003",
                        claims = new { appid = appId },
                    },
                }),
            },
            Metadata = new { sys = new { MethodName = "ResourceChanged" } },
        });

        var own = await client.PostAsync("/ResourceChanged", Json(EventEnvelope("aispm-self-app-id")));
        Assert.Equal(0, (await harness.ShardQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var theirs = await client.PostAsync("/ResourceChanged", Json(EventEnvelope("portal-user-app")));
        await DeliverQueuedShardsAsync(harness, client);
        var all = await harness.Findings.QueryAsync(new FindingQuery(RuleId: "AISPM-1002", PageSize: 1000));

        Assert.Contains("AiSpm itself", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("re-scan", await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Resolved, all.Findings.Single(f => f.Finding.Key.ResourceId == account).Status);
    }

    [Theory]
    [InlineData("/ScheduledScan", "not json at all")]
    [InlineData("/ScanShard", "[1,2,3]")]
    [InlineData("/ScanShard", "{\"Data\":{},\"Metadata\":{}}")]
    public async Task Malformed_envelopes_get_a_400_problem(string path, string body)
    {
        var (harness, server, client) = await StartAsync(azurite);
        await using var _ = harness;
        await using var __ = server;

        var response = await client.PostAsync(path, Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_malformed_queue_message_is_kept_in_the_poison_queue_and_acknowledged()
    {
        var (harness, server, client) = await StartAsync(azurite);
        await using var _ = harness;
        await using var __ = server;

        var response = await client.PostAsync("/ScanShard", Json(QueueEnvelope("{\"runId\":\"r\",\"index\":0,\"kind\":\"azureSubscriptions\",\"subscriptions\":[]}")));
        var poisoned = (await harness.PoisonQueue.PeekMessagesAsync(10)).Value;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("subscriptions", Assert.Single(poisoned).Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_envelope_errors_go_back_to_the_caller_inside_res_with_a_2xx_to_the_host()
    {
        var (harness, server, client) = await StartAsync(azurite);
        await using var _ = harness;
        await using var __ = server;
        var envelope = """{"Data":{"req":{"Url":"https://app/api/findings?severity=severe","Method":"GET","Query":{"severity":"severe"},"Headers":{"Accept":["application/json"]},"Params":{}}},"Metadata":{}}""";

        var response = await client.PostAsync("/Findings", Json(envelope));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var res = body.RootElement.GetProperty("Outputs").GetProperty("res");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("400", res.GetProperty("statusCode").GetString());
        Assert.Contains("severe", res.GetProperty("body").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_mode_requires_the_key_and_serves_findings_and_the_event_grid_handshake()
    {
        var (harness, server, client) = await StartAsync(azurite, local: true);
        await using var _ = harness;
        await using var __ = server;

        var anonymous = await client.GetAsync("/api/findings");
        var wrong = await client.GetAsync("/api/findings?code=nope");
        client.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        var badQuery = await client.GetAsync("/api/findings?pageSize=5000");
        var started = await client.PostAsync("/api/scans", null);
        var run = await started.Content.ReadFromJsonAsync<JsonElement>();
        await harness.Worker.DrainAsync();
        var status = await client.GetFromJsonAsync<JsonElement>($"/api/scans/{run.GetProperty("runId").GetString()}");
        var page = await client.GetFromJsonAsync<JsonElement>("/api/findings?severity=high&status=open&pageSize=5");
        var validation = new HttpRequestMessage(HttpMethod.Post, "/runtime/webhooks/eventgrid?functionName=ResourceChanged")
        {
            Content = Json("""[{"id":"1","topic":"/subscriptions/x","subject":"","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2026-11-22T04:00:00Z","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"},"dataVersion":"1","metadataVersion":"1"}]"""),
        };
        validation.Headers.Add("aeg-event-type", "SubscriptionValidation");
        var handshake = await client.SendAsync(validation);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("Completed", status.GetProperty("status").GetString());
        Assert.Equal(1.0, status.GetProperty("progress").GetDouble());
        Assert.InRange(page.GetProperty("findings").GetArrayLength(), 1, 5);
        Assert.All(page.GetProperty("findings").EnumerateArray(), f => Assert.Contains(f.GetProperty("severity").GetString(), new[] { "High", "Critical" }));
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", (await handshake.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("validationResponse").GetString());
    }

    [Fact]
    public async Task The_report_is_served_as_a_self_contained_html_page_through_the_host_and_locally()
    {
        var (harness, server, client) = await StartAsync(azurite, local: true);
        await using var _ = harness;
        await using var __ = server;
        await harness.Coordinator.StartFullScanAsync("test");
        await harness.Worker.DrainAsync();
        var envelope = """{"Data":{"req":{"Url":"https://app/api/report","Method":"GET","Query":{},"Headers":{"Accept":["text/html"]},"Params":{}}},"Metadata":{}}""";

        var hosted = await client.PostAsync("/Report", Json(envelope));
        using var hostedBody = JsonDocument.Parse(await hosted.Content.ReadAsStringAsync());
        var res = hostedBody.RootElement.GetProperty("Outputs").GetProperty("res");
        var anonymous = await client.GetAsync("/api/report");
        using var local = new HttpRequestMessage(HttpMethod.Get, "/api/report");
        local.Headers.Add("x-functions-key", ApiKey);
        var page = await client.SendAsync(local);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, hosted.StatusCode);
        Assert.Equal("200", res.GetProperty("statusCode").GetString());
        Assert.StartsWith("text/html", res.GetProperty("headers").GetProperty("Content-Type").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", res.GetProperty("body").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var open = await harness.Findings.QueryAsync(new FindingQuery(Status: FindingStatus.Open, MinimumSeverity: Severity.Critical, PageSize: 1));
        Assert.Contains(open.Findings.Single().Finding.Key.RuleId, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suppressing_needs_a_justification_and_an_expiry_and_is_audited()
    {
        var (harness, server, client) = await StartAsync(azurite, local: true);
        await using var _ = harness;
        await using var __ = server;
        client.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        await client.PostAsync("/api/scans", null);
        await harness.Worker.DrainAsync();
        var finding = (await harness.Findings.QueryAsync(new FindingQuery(PageSize: 1))).Findings[0].Finding.Key;

        var missing = await client.PostAsync($"/api/findings/{finding.Scope}/{finding.Id}/suppress", Json("""{"expiresInDays":30}"""));
        var ok = await client.PostAsync($"/api/findings/{finding.Scope}/{finding.Id}/suppress", Json("""{"justification":"Sandbox, no customer data","expiresInDays":30}"""));
        var chain = await harness.Audit.VerifyAsync();

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotNull(await harness.Suppressions.GetAsync(finding.Scope, finding.Id));
        Assert.True(chain.IsIntact);
        Assert.Equal(1, chain.VerifiedEntries);
    }
}
