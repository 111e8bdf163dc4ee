using AiSpm.Cli.Emulation;
using System.Text.Json.Nodes;
using AiSpm.Connectors.Teams;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Scans;
using AiSpm.Emulator.Faults;
using AiSpm.Emulator.Hosting;
using AiSpm.Application.Notifications;
using AiSpm.Application.Scanning;
using AiSpm.Testing;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Application.Tests.Notifications;

/// <summary>Teams notifications of full scans of the demo tenant, against the emulator's Teams sink.</summary>
public sealed class TeamsNotifierTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Hook = "aispm-test";

    private static Func<EmulatedTenant, TeamsNotifierOptions> Teams(int maxRetries = 4) => tenant =>
    {
        var pipeline = new TeamsWebhookOptions { Transport = new HttpClientTransport(tenant.Server.CreateHandler()) };
        pipeline.Retry.MaxRetries = maxRetries;
        pipeline.Retry.Delay = TimeSpan.FromMilliseconds(50);
        return new TeamsNotifierOptions { WebhookUri = tenant.Server.TeamsWebhookUri(Hook), Pipeline = pipeline, MaxAlertsPerRun = 100 };
    };

    private static async Task<ScanRun> ScanAsync(ScanHarness harness)
    {
        var run = await harness.FullScanAsync();
        return (await harness.Runs.GetAsync(run.RunId))!;
    }

    private static async Task<List<StoredFinding>> OpenHighAsync(ScanHarness harness)
    {
        var page = await harness.Findings.QueryAsync(new FindingQuery(Status: FindingStatus.Open, MinimumSeverity: Severity.High, PageSize: 1000));
        return page.Findings.ToList();
    }

    private static List<JsonObject> Cards(ScanHarness harness) => harness.Tenant.Server.Teams.PostsTo(Hook).Select(AdaptiveCardShape.AssertValid).ToList();

    private static bool IsDigest(JsonObject card) => AdaptiveCardShape.Text(card).Contains("AiSpm scan digest", StringComparison.Ordinal);

    [Fact]
    public async Task A_scan_posts_one_card_per_high_or_critical_finding_and_a_digest_and_a_rescan_without_change_posts_nothing()
    {
        await using var harness = await ScanHarness.StartAsync(azurite, teams: Teams());

        var run = await ScanAsync(harness);
        var first = Cards(harness);
        await ScanAsync(harness);
        var second = Cards(harness);

        var high = await OpenHighAsync(harness);
        Assert.Equal(ScanRunStatus.Completed, run.Status);
        Assert.NotEmpty(high);
        Assert.Equal(high.Count + 1, first.Count);
        Assert.Single(first, IsDigest);
        var alerts = first.Where(c => !IsDigest(c)).Select(AdaptiveCardShape.Text).ToList();
        Assert.All(high, f => Assert.Single(alerts, a => a.Contains(f.Finding.Key.Id, StringComparison.Ordinal)));
        var digest = AdaptiveCardShape.Text(first.Single(IsDigest));
        Assert.Contains("Open findings by severity", digest, StringComparison.Ordinal);
        Assert.Contains("By category", digest, StringComparison.Ordinal);
        Assert.Contains("Top risks", digest, StringComparison.Ordinal);
        Assert.Equal(first.Count, second.Count);
        var sdk = await Outputs.OutputValidators.AdaptiveCardsAsync(new JsonArray(harness.Tenant.Server.Teams.PostsTo(Hook).Select(p => p.DeepClone()).ToArray()).ToJsonString());
        Assert.True(sdk.Valid, sdk.ToString());
    }

    [Fact]
    public async Task An_announced_finding_under_an_exemption_is_silent_and_announced_again_when_the_exemption_ends()
    {
        await using var harness = await ScanHarness.StartAsync(azurite, teams: Teams());
        var run = await ScanAsync(harness);
        var target = (await OpenHighAsync(harness)).First();
        var notifier = harness.Services.GetRequiredService<TeamsNotifier>();
        int CardsOf() => Cards(harness).Count(c => !IsDigest(c) && AdaptiveCardShape.Text(c).Contains(target.Finding.Key.Id, StringComparison.Ordinal));
        Assert.Equal(1, CardsOf());

        // A policy exemption takes the finding: no card while it holds.
        var exemption = new FindingExemption("EX-1", "Sandbox", "platform", DateTimeOffset.UtcNow.AddDays(1));
        await harness.Findings.RecordAsync("exempted-run", [target.Finding with { Exemption = exemption }], DateTimeOffset.UtcNow);
        await notifier.OnRunCompletedAsync(run, CancellationToken.None);
        Assert.Equal(FindingStatus.Exempted, (await harness.Findings.GetAsync(target.Finding.Key.Scope, target.Finding.Key.Id))!.Status);
        Assert.Equal(1, CardsOf());

        // The exemption ends: the same finding, same severity, is open again and announced again.
        await harness.Findings.RecordAsync("expired-run", [target.Finding with { Exemption = null }], DateTimeOffset.UtcNow);
        await notifier.OnRunCompletedAsync(run, CancellationToken.None);
        var reopened = (await harness.Findings.GetAsync(target.Finding.Key.Scope, target.Finding.Key.Id))!;
        Assert.Equal(FindingStatus.Open, reopened.Status);
        Assert.Null(reopened.Finding.Exemption);
        Assert.Equal(2, CardsOf());
    }

    [Fact]
    public async Task A_change_event_posts_the_cards_of_its_resource_only_and_leaves_the_digest_to_full_scans()
    {
        await using var harness = await ScanHarness.StartAsync(azurite, teams: Teams());
        await ScanAsync(harness);
        var before = Cards(harness).Count;
        var open = await harness.Findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open)).ToListAsync();
        var assets = await harness.Assets.ListAsync().ToListAsync();
        var clean = assets.First(a => string.Equals(a.Type, "Microsoft.CognitiveServices/accounts", StringComparison.OrdinalIgnoreCase)
            && !open.Any(f => f.Finding.Key.RuleId == "AISPM-1001" && string.Equals(f.Finding.Key.ResourceId, a.ResourceId, StringComparison.OrdinalIgnoreCase)));
        await new AiSpm.Connectors.Arm.ArmRestClient(harness.Tenant.ConnectArm()).PatchAsync(clean.ResourceId, "2024-10-01",
            new { properties = new { publicNetworkAccess = "Enabled", networkAcls = new { defaultAction = "Allow" } } });

        await harness.ResourceScanAsync(clean.ResourceId);
        var added = Cards(harness).Skip(before).ToList();

        Assert.NotEmpty(added);
        Assert.DoesNotContain(added, IsDigest);
        Assert.All(added, c => Assert.Contains(clean.ResourceId, AdaptiveCardShape.Text(c), StringComparison.OrdinalIgnoreCase));
        var exposed = await harness.Findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open, RuleId: "AISPM-1001")).SingleAsync(f => string.Equals(f.Finding.Key.ResourceId, clean.ResourceId, StringComparison.OrdinalIgnoreCase));
        Assert.Single(added, c => AdaptiveCardShape.Text(c).Contains(exposed.Finding.Key.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_with_retry_after_is_retried_and_every_card_arrives_once()
    {
        await using var harness = await ScanHarness.StartAsync(azurite, teams: Teams());
        harness.Tenant.Server.Faults.Replace([new FaultRule { Service = EmulatorService.Teams, Kind = FaultKind.TooManyRequests, RetryAfterSeconds = 1, MaxCount = 2 }]);

        await ScanAsync(harness);

        var cards = Cards(harness);
        var high = await OpenHighAsync(harness);
        Assert.Equal(2, harness.Tenant.Server.Stats.Statuses.GetValueOrDefault(429));
        Assert.Equal(high.Count + 1, cards.Count);
        Assert.Equal(cards.Count, cards.Select(c => c.ToJsonString()).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_failing_webhook_never_fails_the_scan_and_the_cards_follow_after_the_next_run()
    {
        await using var harness = await ScanHarness.StartAsync(azurite, teams: Teams(maxRetries: 0));
        harness.Tenant.Server.Faults.Replace([new FaultRule { Service = EmulatorService.Teams, Kind = FaultKind.ServiceUnavailable }]);

        var failed = await ScanAsync(harness);
        var during = Cards(harness);
        harness.Tenant.Server.Faults.Replace([]);
        await ScanAsync(harness);
        var after = Cards(harness);

        Assert.Equal(ScanRunStatus.Completed, failed.Status);
        Assert.Empty(during);
        Assert.Equal((await OpenHighAsync(harness)).Count + 1, after.Count);
    }

    [Fact]
    public async Task No_card_carries_an_account_key_of_the_tenant()
    {
        await using var harness = await ScanHarness.StartAsync(azurite, teams: Teams());

        await ScanAsync(harness);

        var text = string.Join("\n", harness.Tenant.Server.Teams.PostsTo(Hook).Select(p => p.ToJsonString()));
        var keys = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(FixtureLocator.Resolve("demo-tenant"), "arm", "listKeys.json")))!.AsObject()
            .SelectMany(account => account.Value!.AsObject().Select(k => k.Value!.GetValue<string>())).ToList();
        Assert.NotEmpty(text);
        Assert.All(keys, key => Assert.DoesNotContain(key, text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_digest_of_thousands_of_findings_stays_within_28_KB_and_says_how_many_more()
    {
        var now = DateTimeOffset.UtcNow;
        var open = Enumerable.Range(0, 3000).Select(i => new StoredFinding(new Finding
        {
            Key = new FindingKey("AISPM-1001", $"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct-{i:D5}"),
            Severity = (Severity)(i % 5),
            Category = "NetworkExposure",
            Title = "AI Services and Azure OpenAI accounts are not open to the internet",
            Detail = new string('x', 900),
        }, FindingStatus.Open, now, now, "scan-1", null, 0)).ToList();
        var run = new ScanRun { RunId = "scan-1", Trigger = "test", StartedAt = now, Status = ScanRunStatus.Completed };

        var digest = TeamsCards.Digest(run, open, 3000, 0, maxTopRisks: int.MaxValue);

        var card = AdaptiveCardShape.AssertValid(digest);
        Assert.True(TeamsCards.Size(digest) <= TeamsLimits.MaxMessageBytes);
        Assert.Matches("and [0-9]+ more", AdaptiveCardShape.Text(card));
    }
}
