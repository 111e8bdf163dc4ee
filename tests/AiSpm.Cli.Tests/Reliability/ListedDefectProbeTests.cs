using System.Net;
using System.Text;
using System.Text.Json;
using AiSpm.Application.Configuration;
using AiSpm.Application.Events;
using AiSpm.Cli.Hosting;
using AiSpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Cli.Tests.Reliability;

/// <summary>
/// The hostile inputs a probe of the HTTP API and the event webhook once answered with a 500 or accepted: each now gets
/// a 4xx with a problem body (HTTP), or is acknowledged and dropped with its reason (events), and starts no scan.
/// </summary>
public sealed class ListedDefectProbeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Key = "probe-key-0123456789abcdef";
    private const string Subscription = "6f1c0a00-0000-4000-8000-000000000001";

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient client, string path, string body, string? eventType = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (eventType is not null)
        {
            request.Headers.Add("aeg-event-type", eventType);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string ResourceEvent(string resourceUri, string operationNameJson) =>
        "[{\"id\":\"" + Guid.NewGuid() + "\",\"topic\":\"/subscriptions/" + Subscription + "\",\"subject\":" + JsonSerializer.Serialize(resourceUri)
        + ",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",\"eventTime\":\"2026-12-03T08:00:00Z\",\"dataVersion\":\"2\",\"metadataVersion\":\"1\",\"data\":{\"resourceUri\":"
        + JsonSerializer.Serialize(resourceUri) + ",\"operationName\":" + operationNameJson + ",\"subscriptionId\":\"" + Subscription + "\",\"claims\":{\"appid\":\"someone\"}}}]";

    private static string SecretEvent(string objectNameJson, string vaultNameJson, string versionJson) =>
        "[{\"id\":\"" + Guid.NewGuid() + "\",\"topic\":\"/subscriptions/" + Subscription + "/resourceGroups/rg-ai-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-ai-prod\",\"subject\":\"aoai-swc-key\","
        + "\"eventType\":\"Microsoft.KeyVault.SecretNearExpiry\",\"eventTime\":\"2026-12-03T08:00:00Z\",\"dataVersion\":\"1\",\"metadataVersion\":\"1\",\"data\":{\"Id\":\"https://kv-contoso-ai-prod.vault.azure.net/secrets/aoai-swc-key\","
        + "\"VaultName\":" + vaultNameJson + ",\"ObjectType\":\"Secret\",\"ObjectName\":" + objectNameJson + ",\"Version\":" + versionJson + ",\"NBF\":null,\"EXP\":1800000000}}]";

    [Fact]
    public async Task Type_confused_ids_bodies_and_events_get_a_4xx_or_are_dropped_with_a_reason_and_start_nothing()
    {
        await using var harness = await ScanHarness.StartAsync(azurite, rotationVault: "kv-contoso-ai-prod", settings: new Dictionary<string, string?> { [AppSettingNames.RotationMode] = "Auto" });
        var engine = await harness.EngineAsync();
        await using var server = await LocalServer.StartAsync(new ServerOptions { Port = 0, ApiKey = Key },
            harness.FunctionApp(new ResourceChangeFilter(), harness.Services.GetService<AiSpm.Application.Remediation.ScheduledKeyRotation>()), engine.Launcher);
        using var client = new HttpClient { BaseAddress = server.BaseUri };
        client.DefaultRequestHeaders.Add("x-functions-key", Key);
        var answers = new List<(string Probe, HttpStatusCode Status, string Body)>();
        async Task ProbeAsync(string probe, string path, string body, string? eventType = null)
        {
            var (status, text) = await PostAsync(client, path, body, eventType);
            answers.Add((probe, status, text));
        }

        foreach (var expires in new[] { "\"30\"", "true", "null", "-5", "1e9", "[]" })
        {
            await ProbeAsync("expiresInDays " + expires, "/api/findings/tenant/x/suppress", $$"""{"justification":"accepted by the owner","expiresInDays":{{expires}}}""");
        }

        foreach (var id in new[] { "a%23b", "a%3Fb", "a%5Cb", "a%01b", "%2E%2E%2F%2E%2E", new string('f', 1100) })
        {
            await ProbeAsync("finding id " + id[..Math.Min(12, id.Length)], $"/api/findings/tenant/{id}/suppress", """{"justification":"accepted by the owner","expiresInDays":30}""");
        }

        const string webhook = "/runtime/webhooks/eventgrid?functionName=";
        var account = $"/subscriptions/{Subscription}/resourceGroups/rg-ai-prod/providers/Microsoft.CognitiveServices/accounts/oai-contoso-prod-swc";
        foreach (var operation in new[] { "42", "{\"a\":1}", "[\"Microsoft.CognitiveServices/accounts/write\"]" })
        {
            await ProbeAsync("operationName " + operation, webhook + "ResourceChanged", ResourceEvent(account, operation));
        }

        foreach (var uri in new[] { "https://evil.example/subscriptions/x", "/subscriptions/not-a-guid/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/a", account + "\u0000", account + new string('a', 20000), "../../../etc/passwd" })
        {
            await ProbeAsync("resourceUri " + uri[..Math.Min(24, uri.Length)], webhook + "ResourceChanged", ResourceEvent(uri, "\"Microsoft.CognitiveServices/accounts/write\""));
        }

        foreach (var (name, vault, version) in new[] { ("42", "\"kv-contoso-ai-prod\"", "\"v\""), ("\"../../..\"", "\"kv-contoso-ai-prod\"", "\"v\""), ("\"aoai-swc-key\"", "{}", "\"v\""), ("\"aoai-swc-key\"", "\"kv-contoso-ai-prod\"", "[1]"), ("\"aoai-swc-key\"", "\"../x\"", "\"../../v\"") })
        {
            await ProbeAsync($"secret {name}/{vault}/{version}", webhook + "SecretNearExpiry", SecretEvent(name, vault, version));
        }

        await ProbeAsync("handshake eventTime", webhook + "ResourceChanged",
            """[{"id":"1","topic":"/subscriptions/x","subject":"","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"yesterday","data":{"validationCode":"512d38b6"},"dataVersion":"2","metadataVersion":"1"}]""", "SubscriptionValidation");
        await harness.WaitIdleAsync();

        var serverErrors = answers.Where(a => (int)a.Status >= 500).Select(a => $"{a.Probe}: {(int)a.Status} {a.Body[..Math.Min(120, a.Body.Length)]}").ToList();
        Assert.True(serverErrors.Count == 0, string.Join("\n", serverErrors));
        Assert.All(answers.Where(a => a.Probe.StartsWith("expiresInDays", StringComparison.Ordinal) || a.Probe.StartsWith("finding id", StringComparison.Ordinal)),
            a => Assert.True((int)a.Status is >= 400 and < 500 && a.Body.Contains("\"detail\"", StringComparison.Ordinal), $"{a.Probe}: {(int)a.Status} {a.Body}"));
        Assert.Empty(await harness.Runs.ListRecentAsync(10)); // no event above started a scan
        Assert.Empty(await harness.Audit.ReadAsync().Where(e => e.Record.Action.StartsWith("rotation.", StringComparison.Ordinal)).ToListAsync()); // nor a rotation
    }
}
