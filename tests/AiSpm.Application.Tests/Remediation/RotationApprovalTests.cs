using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiSpm.Application.Events;
using AiSpm.Application.Remediation.Rotation;
using AiSpm.Cli.Hosting;
using AiSpm.Core.Remediation;
using AiSpm.Core.Secrets;
using AiSpm.Testing;
using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

using static AiSpm.Application.Tests.Remediation.RotationWiring;

namespace AiSpm.Application.Tests.Remediation;

/// <summary>
/// The approval flow end to end on real parts (local server, durable engine on Azurite, the emulated tenant and its
/// Teams sink): the card's links, what a forged, replayed, expired or misdirected link gets, and an operator's terminate.
/// </summary>
public sealed class RotationApprovalTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string ApiKey = "test-key-0123456789abcdef";
    private const string DocIntel = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-ai-prod/providers/Microsoft.CognitiveServices/accounts/docintel-contoso-prod";

    private sealed record Installation(ScanHarness Harness, LocalServer Server, HttpClient Api, HttpClient Browser) : IAsyncDisposable
    {
        public DurableTaskClient Client => Harness.EngineAsync().GetAwaiter().GetResult().Client;

        public async ValueTask DisposeAsync()
        {
            Api.Dispose();
            Browser.Dispose();
            await Server.DisposeAsync();
            await Harness.DisposeAsync();
        }
    }

    private static async Task<Installation> StartAsync(AzuriteFixture azurite)
    {
        var harness = await RotationWiring.StartAsync(azurite, RotationMode.Approval);
        var engine = await harness.EngineAsync();
        var server = await LocalServer.StartAsync(new ServerOptions { Port = 0, ApiKey = ApiKey }, harness.FunctionApp(new ResourceChangeFilter()), engine.Launcher,
            rotations: new LocalRotations(harness.Services.GetRequiredService<RotationRequests>(), engine.Client, harness.Services.GetRequiredService<RotationOptions>()));
        var api = new HttpClient { BaseAddress = server.BaseUri };
        api.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        return new Installation(harness, server, api, new HttpClient());
    }

    /// <summary>The Approve and Reject links of the approval card about <paramref name="account"/>, once it is in the sink.</summary>
    private static async Task<(Uri Approve, Uri Reject)> CardLinksAsync(ScanHarness harness, string account)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var name = account[(account.LastIndexOf('/') + 1)..];
        while (true)
        {
            foreach (var post in harness.Tenant.Server.Teams.PostsTo(Hook))
            {
                var actions = post["attachments"]?[0]?["content"]?["actions"]?.AsArray();
                if (actions is { Count: 2 } && post.ToJsonString().Contains($"of {name}?", StringComparison.Ordinal))
                {
                    return (new Uri(actions[0]!["url"]!.GetValue<string>()), new Uri(actions[1]!["url"]!.GetValue<string>()));
                }
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    private static string TokenOf(Uri link) => System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;

    private static string InstanceOf(Uri link) => link.Segments[^2].TrimEnd('/');

    private static async Task<HttpStatusCode> PostAsync(HttpClient browser, Uri link, string? token)
    {
        using var content = new FormUrlEncodedContent(token is null ? [] : [new KeyValuePair<string, string>("token", token)]);
        using var response = await browser.PostAsync(link.GetLeftPart(UriPartial.Path), content);
        return response.StatusCode;
    }

    private static async Task<RotationResult> CompletionAsync(DurableTaskClient client, string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var metadata = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        return metadata.ReadOutputAs<RotationResult>()!;
    }

    [Fact]
    public async Task An_approve_link_decides_once_after_its_confirmation_page_and_forged_expired_or_misdirected_links_change_nothing()
    {
        await using var installation = await StartAsync(azurite);
        var (harness, _, api, browser) = installation;
        var signer = harness.Services.GetRequiredService<ApprovalLinkSigner>();
        var (exposed, partner) = FixtureKeys();

        await harness.FullScanAsync();
        var (approve, reject) = await CardLinksAsync(harness, OpenAiAccount);
        var (otherApprove, otherReject) = await CardLinksAsync(harness, DocIntel);
        var id = InstanceOf(approve);
        var token = TokenOf(approve);
        var tampered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        // The list is keyed; the links are not (their token is the credential).
        using (var unkeyed = await browser.GetAsync(new Uri(installation.Server.BaseUri, "api/rotations")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unkeyed.StatusCode);
        }

        using var listed = JsonDocument.Parse(await api.GetStringAsync("api/rotations?active=true"));
        var waiting = listed.RootElement.GetProperty("rotations").EnumerateArray().Single(r => r.GetProperty("instanceId").GetString() == id);
        Assert.Equal(("Approval", "awaiting-approval"), (waiting.GetProperty("flow").GetString(), waiting.GetProperty("step").GetString()));
        Assert.True(waiting.GetProperty("until").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(browser, approve, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(browser, approve, "not-a-token"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(browser, approve, tampered));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(browser, approve, TokenOf(otherApprove))); // another instance's link
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(browser, reject, token)); // the approve token on the reject route
        Assert.Equal(HttpStatusCode.Gone, await PostAsync(browser, approve, signer.Sign(id, ApprovalLinks.Approve, DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(browser, approve,
            new ApprovalLinkSigner(new byte[32]).Sign(id, ApprovalLinks.Approve, DateTimeOffset.UtcNow.AddHours(1)))); // another installation's key

        // Opening the link only shows the confirmation page: no decision yet.
        using (var page = await browser.GetAsync(approve))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("<form method=\"post\">", html, StringComparison.Ordinal);
            Assert.Contains("form-action 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        }

        Assert.Equal(FixtureKeys(), await LiveKeysAsync(harness));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(browser, approve, token));
        Assert.Equal(HttpStatusCode.Gone, await PostAsync(browser, approve, token)); // replayed
        var approved = await CompletionAsync(installation.Client, id);
        Assert.Equal(HttpStatusCode.Gone, await PostAsync(browser, reject, TokenOf(reject))); // no longer waiting

        // The other account's owner rejects: its keys stay as they are.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(browser, otherReject, TokenOf(otherReject)));
        var rejected = await CompletionAsync(installation.Client, InstanceOf(otherReject));

        var (key1, key2) = await LiveKeysAsync(harness);
        Assert.Equal((RotationOutcome.Completed, "approval link"), (approved.Outcome, approved.Actor));
        Assert.NotEqual(exposed, key1);
        Assert.NotEqual(partner, key2);
        Assert.Equal(RotationOutcome.Rejected, rejected.Outcome);
        var actions = await harness.Audit.ReadAsync().Select(e => (e.Record.Actor, e.Record.Action, e.Record.Target)).ToListAsync();
        Assert.Contains(("aispm", "rotation.approval-requested", OpenAiAccount), actions);
        Assert.Contains(("approval link", "rotation.answered", id), actions);
        Assert.Contains(("approval link", "rotation.completed", OpenAiAccount), actions);
        Assert.Contains(("approval link", "rotation.rejected", DocIntel), actions);
        Assert.DoesNotContain(actions, a => a.Action == "rotation.key-regenerated" && a.Target == DocIntel);
        var cards = harness.Tenant.Server.Teams.PostsTo(Hook).Select(c => c.ToJsonString()).ToList();
        Assert.Contains(cards, c => c.Contains("Exposed AI key rotated", StringComparison.Ordinal) && c.Contains("oai-contoso-prod-swc", StringComparison.Ordinal));
        Assert.Contains(cards, c => c.Contains("Key rotation rejected", StringComparison.Ordinal) && c.Contains("docintel-contoso-prod", StringComparison.Ordinal));
        Assert.True((await harness.Audit.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Nobody_answering_escalates_and_leaves_the_key_and_an_operator_can_terminate_a_waiting_rotation()
    {
        await using var installation = await StartAsync(azurite);
        var (harness, _, api, browser) = installation;
        using var fingerprinter = new SecretFingerprinter(harness.Options.FingerprintKey!);
        var (exposed, _) = FixtureKeys();

        // Straight to the orchestration with a two-second deadline (the setting's minimum is a minute).
        var (silentId, _) = await RotationStarter.StartAsync(installation.Client, new ExposedKeyRotation(fingerprinter.Compute(exposed).Value!, OpenAiAccount, "AISPM-3001", "f-1",
            RotationFlow.Approval, ConsumerWait, TimeSpan.FromSeconds(2)));
        var (approve, _) = await CardLinksAsync(harness, OpenAiAccount);
        var escalated = await CompletionAsync(installation.Client, silentId);

        Assert.Equal(RotationOutcome.Escalated, escalated.Outcome);
        Assert.Equal(HttpStatusCode.Gone, await PostAsync(browser, approve, TokenOf(approve))); // expired with the deadline
        Assert.Contains(harness.Tenant.Server.Teams.PostsTo(Hook), c => c.ToJsonString().Contains("Nobody approved rotating the exposed Key1 of oai-contoso-prod-swc", StringComparison.Ordinal));
        Assert.Equal(FixtureKeys(), await LiveKeysAsync(harness));

        // A scan asks again (escalation does not stand); the operator stops that request.
        await harness.FullScanAsync();
        await CardLinksAsync(harness, DocIntel);
        using var listed = JsonDocument.Parse(await api.GetStringAsync("api/rotations?active=true"));
        var waiting = listed.RootElement.GetProperty("rotations").EnumerateArray().Select(r => r.GetProperty("instanceId").GetString()!).ToList();
        Assert.Contains(silentId, waiting);
        using (var terminated = await api.PostAsync($"api/rotations/{silentId}/terminate", null))
        {
            // 200 once the instance has ended; 202 while the termination is still on its way (a busy machine).
            var body = await terminated.Content.ReadAsStringAsync();
            Assert.True(terminated.StatusCode == HttpStatusCode.OK ? body.Contains("\"Terminated\"", StringComparison.Ordinal) : terminated.StatusCode == HttpStatusCode.Accepted && body.Contains("\"Terminating\"", StringComparison.Ordinal),
                $"{terminated.StatusCode}: {body}");
            if (terminated.StatusCode == HttpStatusCode.Accepted)
            {
                using var ended = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await installation.Client.WaitForInstanceCompletionAsync(silentId, ended.Token)).RuntimeStatus);
            }
        }

        using (var again = await api.PostAsync($"api/rotations/{silentId}/terminate", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using (var unknown = await api.PostAsync("api/rotations/rotation-0000000000000000-0000000000000000/terminate", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var unkeyed = await browser.PostAsync(new Uri(installation.Server.BaseUri, $"api/rotations/{silentId}/terminate"), null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unkeyed.StatusCode);
        }

        var status = (await RotationsAsync(harness)).Single(r => r.InstanceId == silentId);
        Assert.Equal("Terminated", status.RuntimeStatus);
        Assert.Contains(await harness.Audit.ReadAsync().Select(e => (e.Record.Actor, e.Record.Action, e.Record.Target)).ToListAsync(), a => a == ("local-api", "rotation.terminated", silentId));
        Assert.Equal(RotationStart.Ended, (await RotationStarter.StartAsync(installation.Client, new ExposedKeyRotation(fingerprinter.Compute(exposed).Value!, OpenAiAccount, "AISPM-3001", "f-1",
            RotationFlow.Approval, ConsumerWait, TimeSpan.FromMinutes(10)))).Start); // an operator's stop stands
        Assert.Equal(FixtureKeys(), await LiveKeysAsync(harness));
        foreach (var other in waiting.Where(w => w != silentId))
        {
            await installation.Client.TerminateInstanceAsync(other);
        }
    }
}
