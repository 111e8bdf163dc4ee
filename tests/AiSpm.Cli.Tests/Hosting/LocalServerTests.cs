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

/// <summary>The local server (<c>aispm serve</c>): the HTTP API and the Event Grid webhook over the same handlers as the Functions app.</summary>
public sealed class LocalServerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string ApiKey = "test-key-0123456789abcdef";

    private static async Task<(ScanHarness Harness, LocalServer Server, HttpClient Client)> StartAsync(AzuriteFixture azurite)
    {
        var harness = await ScanHarness.StartAsync(azurite);
        var functions = harness.FunctionApp(new ResourceChangeFilter(["aispm-self-app-id"]));
        var server = await LocalServer.StartAsync(new ServerOptions { Port = 0, ApiKey = ApiKey }, functions, await harness.LauncherAsync());
        return (harness, server, new HttpClient { BaseAddress = server.BaseUri });
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task An_event_grid_event_on_the_webhook_triggers_the_targeted_rescan_and_own_calls_are_ignored()
    {
        var (harness, server, client) = await StartAsync(azurite);
        await using var _ = harness;
        await using var __ = server;
        client.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        await client.PostAsync("/api/scans", null);
        await harness.WaitIdleAsync();
        const string account = "/subscriptions/6f1c0a00-0000-4000-8000-000000000003/resourceGroups/rg-sandbox/providers/Microsoft.CognitiveServices/accounts/oai-sandbox-playground";
        await new ArmRestClient(harness.Tenant.ConnectArm()).PatchAsync(account, "2024-10-01", new { properties = new { disableLocalAuth = true } });

        string Event(string appId) => JsonSerializer.Serialize(new[]
        {
            new
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
            },
        });

        var own = await client.PostAsync("/runtime/webhooks/eventgrid?functionName=ResourceChanged", Json(Event("aispm-self-app-id")));
        Assert.Single(await harness.Runs.ListRecentAsync(10)); // the full scan only: AiSpm's own change started nothing
        var theirs = await client.PostAsync("/runtime/webhooks/eventgrid?functionName=ResourceChanged", Json(Event("portal-user-app")));
        await harness.WaitIdleAsync();
        var all = await harness.Findings.QueryAsync(new FindingQuery(RuleId: "AISPM-1002", PageSize: 1000));

        Assert.Contains("AiSpm itself", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("re-scan", await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Resolved, all.Findings.Single(f => f.Finding.Key.ResourceId == account).Status);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"id\":5}")]
    public async Task Malformed_events_on_the_webhook_get_a_400_problem(string body)
    {
        var (harness, server, client) = await StartAsync(azurite);
        await using var _ = harness;
        await using var __ = server;
        client.DefaultRequestHeaders.Add("x-functions-key", ApiKey);

        var response = await client.PostAsync("/runtime/webhooks/eventgrid?functionName=ResourceChanged", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_route_requires_the_key_and_serves_findings_scan_status_and_the_event_grid_handshake()
    {
        var (harness, server, client) = await StartAsync(azurite);
        await using var _ = harness;
        await using var __ = server;

        var anonymous = await client.GetAsync("/api/findings");
        var wrong = await client.GetAsync("/api/findings?code=nope");
        client.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        var badQuery = await client.GetAsync("/api/findings?pageSize=5000");
        var started = await client.PostAsync("/api/scans", null);
        var run = await started.Content.ReadFromJsonAsync<JsonElement>();
        await harness.WaitIdleAsync();
        var status = await client.GetFromJsonAsync<JsonElement>($"/api/scans/{run.GetProperty("id").GetString()}");
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
        Assert.True("Completed" == status.GetProperty("status").GetString(), status.ToString());
        Assert.Equal(1.0, status.GetProperty("progress").GetDouble());
        Assert.InRange(page.GetProperty("findings").GetArrayLength(), 1, 5);
        Assert.All(page.GetProperty("findings").EnumerateArray(), f => Assert.Contains(f.GetProperty("severity").GetString(), new[] { "High", "Critical" }));
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", (await handshake.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("validationResponse").GetString());
    }

    [Fact]
    public async Task The_report_is_served_as_a_self_contained_html_page()
    {
        var (harness, server, client) = await StartAsync(azurite);
        await using var _ = harness;
        await using var __ = server;
        await harness.FullScanAsync();

        var anonymous = await client.GetAsync("/api/report");
        using var local = new HttpRequestMessage(HttpMethod.Get, "/api/report");
        local.Headers.Add("x-functions-key", ApiKey);
        var page = await client.SendAsync(local);
        var html = await page.Content.ReadAsStringAsync();

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
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
        var (harness, server, client) = await StartAsync(azurite);
        await using var _ = harness;
        await using var __ = server;
        client.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        await client.PostAsync("/api/scans", null);
        await harness.WaitIdleAsync();
        var finding = (await harness.Findings.QueryAsync(new FindingQuery(PageSize: 1))).Findings[0].Finding.Key;

        var missing = await client.PostAsync($"/api/findings/{finding.Scope}/{finding.Id}/suppress", Json("""{"expiresInDays":30}"""));
        var ok = await client.PostAsync($"/api/findings/{finding.Scope}/{finding.Id}/suppress", Json("""{"justification":"Sandbox, no customer data","expiresInDays":30}"""));
        var chain = await harness.Audit.VerifyAsync();

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotNull(await harness.Suppressions.GetAsync(finding.Scope, finding.Id));
        Assert.True(chain.IsIntact);
        // The scan's policy.applied entry, then the suppression's.
        Assert.Equal(2, chain.VerifiedEntries);
        var actions = await harness.Audit.ReadAsync().Select(e => e.Record.Action).ToListAsync();
        Assert.Equal(["policy.applied", "finding.suppressed"], actions);
    }
}
