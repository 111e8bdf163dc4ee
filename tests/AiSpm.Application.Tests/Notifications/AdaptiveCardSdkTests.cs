using System.Text.Json.Nodes;
using AiSpm.Connectors.Remediation;
using AiSpm.Core.Findings;
using AiSpm.Core.Remediation;
using AiSpm.Core.Scans;
using AiSpm.Application.Notifications;
using AiSpm.Application.Outputs;
using AiSpm.Application.Tests.Outputs;

namespace AiSpm.Application.Tests.Notifications;

/// <summary>Every kind of card AiSpm posts, parsed by Microsoft's Adaptive Cards SDK against the card's own version (1.5).</summary>
public sealed class AdaptiveCardSdkTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
    private static readonly RuleDocLinks Docs = RuleDocLinks.Parse("https://github.com/contoso/aispm/blob/main/docs/rules/");

    private static StoredFinding Finding(int i, Severity severity, int reopened = 0) => new(new Finding
    {
        Key = new FindingKey("AISPM-1001", $"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct-{i:D5}"),
        Severity = severity,
        Category = "NetworkExposure",
        Title = "AI Services and Azure OpenAI accounts are not open to the internet",
        Detail = $"Account acct-{i:D5} accepts traffic from all networks <b>&amp; \"quotes\"</b> **markdown**.",
    }, FindingStatus.Open, Now.AddDays(-1), Now, "scan-1", null, reopened);

    private static StoredFinding PathFinding() => new(new Finding
    {
        Key = new FindingKey("AISPM-4001", "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct", "path-0123456789abcdef"),
        Severity = Severity.Critical,
        Category = "AttackPath",
        Title = "No exposed AI key opens an account that accepts keys from the internet",
        Detail = "The key of 'acct' exposed in 'app' works from anywhere. Path: app [AISPM-3001] → acct [AISPM-1001, AISPM-1002].",
        Evidence = new Dictionary<string, string>
        {
            ["hop.1"] = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Web/sites/app",
            ["hop.1.findings"] = "AISPM-3001 0123",
            ["hop.2"] = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct",
            ["hop.2.via"] = "consumes-key-of: appSetting 'KEY' holds Key1",
            ["hop.2.findings"] = "AISPM-1001 4567, AISPM-1002 89ab",
            ["path.alerts"] = "Detected credential theft attempts on acct",
        },
    }, FindingStatus.Open, Now.AddDays(-1), Now, "scan-1", null, 0);

    [Fact]
    public void A_path_card_lists_each_hop_with_its_relation_and_member_rules_and_the_alerts()
    {
        var card = TeamsCards.FindingAlert(PathFinding()).ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Contains("app [AISPM-3001]", card, StringComparison.Ordinal);
        Assert.Contains("consumes-key-of → acct [AISPM-1001, AISPM-1002]", card, StringComparison.Ordinal);
        Assert.Contains("Detected credential theft attempts on acct", card, StringComparison.Ordinal);
    }

    private static JsonArray EveryCard()
    {
        var run = new ScanRun { RunId = "scan-1", Trigger = "timer", StartedAt = Now, Status = ScanRunStatus.Completed };
        var many = Enumerable.Range(0, 3000).Select(i => Finding(i, (Severity)(i % 5))).ToList();
        var rotation = new AiSpm.Workflows.Models.ExposedKeyRotation("fp:3f2a", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a", "AISPM-3001", "f-1",
            AiSpm.Workflows.Models.RotationFlow.Approval, TimeSpan.FromHours(1), TimeSpan.FromHours(24));
        var request = new AiSpm.Workflows.Models.ApprovalRequest("rotation-0123456789abcdef-0123456789abcdef", rotation, "Key1", "Key2", Now.AddDays(1));
        return new JsonArray(
            TeamsCards.FindingAlert(Finding(1, Severity.Critical)),
            TeamsCards.FindingAlert(Finding(2, Severity.High, reopened: 2), docs: Docs),
            TeamsCards.Digest(run, many, 3000, 12, maxTopRisks: int.MaxValue, reportUri: new Uri("https://func-aispm.azurewebsites.net/api/report")),
            TeamsCards.Digest(run, [], 0, 0),
            TeamsCards.RotationApproval(request, new Uri("https://func-aispm.azurewebsites.net/api/rotations/x/approve?token=a"), new Uri("https://func-aispm.azurewebsites.net/api/rotations/x/reject?token=b")),
            TeamsCards.RotationEscalation(request),
            TeamsCards.RotationOutcome(new AiSpm.Workflows.Models.RotationResult(rotation, AiSpm.Workflows.Models.RotationOutcome.Completed, "Regenerated Key2, waited 01:00:00, regenerated Key1.", "owner@contoso.com")),
            TeamsCards.RotationOutcome(new AiSpm.Workflows.Models.RotationResult(rotation, AiSpm.Workflows.Models.RotationOutcome.VerificationFailed, "The exposed value still verifies.")),
            TeamsCards.FindingAlert(PathFinding()));
    }

    [Fact]
    public async Task Alerts_digests_and_remediation_notices_parse_cleanly_with_the_adaptive_cards_sdk()
    {
        var cards = EveryCard();

        var report = await OutputValidators.AdaptiveCardsAsync(cards.ToJsonString());

        Assert.True(report.Valid, report.ToString());
        Assert.Equal("https://github.com/contoso/aispm/blob/main/docs/rules/AISPM-1001.md", cards[1]!["attachments"]![0]!["content"]!["actions"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("https://func-aispm.azurewebsites.net/api/report", cards[2]!["attachments"]![0]!["content"]!["actions"]![0]!["url"]!.GetValue<string>());
        Assert.Null(cards[0]!["attachments"]![0]!["content"]!["actions"]);
        var answers = cards[4]!["attachments"]![0]!["content"]!["actions"]!.AsArray();
        Assert.Equal(["Approve", "Reject"], answers.Select(a => a!["title"]!.GetValue<string>()));
        Assert.EndsWith("/approve?token=a", answers[0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sdk_check_rejects_an_unknown_element_a_bad_size_and_a_link_without_url()
    {
        var cards = EveryCard();
        var alert = cards[1]!["attachments"]![0]!["content"]!;
        alert["body"]!.AsArray().Add(new JsonObject { ["type"] = "TextBlok", ["text"] = "typo" });
        alert["body"]![0]!["size"] = "Huge";
        alert["actions"]![0]!.AsObject().Remove("url");

        var report = await OutputValidators.AdaptiveCardsAsync(cards.ToJsonString());

        Assert.False(report.Valid);
        Assert.Contains(report.Errors, e => e.Contains("UnknownElementType", StringComparison.Ordinal) && e.Contains("TextBlok", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Contains("InvalidPropertyValue", StringComparison.Ordinal) && e.Contains("Huge", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Contains("url", StringComparison.Ordinal));
        Assert.All(report.Errors, e => Assert.Contains("item=1", e, StringComparison.Ordinal));
    }
}
