using System.Text.Json.Nodes;
using AiSpm.Application.Configuration;
using AiSpm.Application.Exports;
using AiSpm.Application.Http;
using AiSpm.Application.Notifications;
using AiSpm.Application.Policy;
using AiSpm.Application.Reports;
using AiSpm.Application.Scanning;
using AiSpm.Application.Tests.Exports;
using AiSpm.Application.Tests.Notifications;
using AiSpm.Cli.Emulation;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Teams;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Rules;
using AiSpm.Testing;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Application.Tests.Policy;

/// <summary>
/// A policy file with one exemption by tag, one sanctioned app, one disabled rule and one severity override, loaded
/// through <c>AISPM_POLICY</c> by the composition root and run by a durable full scan of the demo tenant: exactly
/// those results change, and each shows as such in the findings API, the report, the evidence export, the Teams
/// digest and the audit chain.
/// </summary>
public sealed class PolicyEffectTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Hook = "aispm-policy";
    private const string ChatGpt = "graph:/servicePrincipals/5e0c0000-0000-4000-8000-000000000001";
    private const string Sandbox = "/subscriptions/6f1c0a00-0000-4000-8000-000000000003/";
    private readonly string _policyFile = Path.Combine(Path.GetTempPath(), $"aispm-policy-{Guid.NewGuid():N}.yaml");

    private static string PolicyYaml(DateTimeOffset expires) => $"""
        version: 1
        baseline: AiSpm.Default
        rules:
          disable: [AISPM-1005]
          severity:
            AISPM-1003: {"{"} level: Critical, reason: "Keys are our biggest AI risk" {"}"}
        exemptions:
          - id: EX-SANDBOX
            rules: [AISPM-1001, AISPM-1002]
            scope:
              tag: "env=sandbox"
            justification: Hackathon sandbox without customer data, torn down monthly
            owner: innovation-lab@contoso.example
            expires: {expires:yyyy-MM-dd}
        sanctionedApps:
          - appId: a1d0c000-0000-4000-8000-000000000001
            reason: Approved by the AI board (AI-42)
        """;

    [Fact]
    public async Task A_policy_changes_exactly_its_results_and_every_output_says_so()
    {
        await File.WriteAllTextAsync(_policyFile, PolicyYaml(DateTimeOffset.UtcNow.AddDays(60)));
        await using var harness = await ScanHarness.StartAsync(azurite, teams: Teams, settings: new Dictionary<string, string?> { [AppSettingNames.Policy] = _policyFile });
        var catalog = harness.Services.GetRequiredService<RuleCatalog>();
        Assert.Equal(_policyFile, catalog.Policy!.Source);

        // What the same tenant yields under the default policy, scanned in memory with the installation's clients.
        var options = harness.Options;
        var shipped = await new TenantScanner(harness.Services.GetRequiredService<ArmConnection>(), RuleCatalog.Default, graph: harness.Services.GetRequiredService<Microsoft.Graph.GraphServiceClient>(),
            fingerprintKey: options.FingerprintKey, vaults: harness.Services.GetRequiredService<KeyVaultAccess>().ClientFor, powerPlatform: true).ScanAsync("baseline");
        var baseline = shipped.Findings.Where(NotPath).ToDictionary(f => f.Key.Id, StringComparer.Ordinal);

        var run = await harness.FullScanAsync();
        var stored = (await harness.Findings.QueryAllAsync(new FindingQuery(PageSize: 1000)).ToListAsync()).Where(f => NotPath(f.Finding)).ToDictionary(f => f.Finding.Key.Id, StringComparer.Ordinal);

        // Disabled: no AISPM-1005 at all. Sanctioned: ChatGPT's shadow-AI findings are gone, nothing else of it.
        var removed = baseline.Keys.Except(stored.Keys).Select(id => baseline[id]).ToList();
        Assert.Contains(removed, f => f.Key.RuleId == "AISPM-1005");
        Assert.Contains(removed, f => f.Key.ResourceId == ChatGpt);
        Assert.All(removed, f => Assert.True(f.Key.RuleId == "AISPM-1005" || (f.Key.ResourceId == ChatGpt && f.Category == RuleCategory.ShadowAi), $"{f.Key.RuleId} on {f.Key.ResourceId} disappeared."));
        Assert.Empty(stored.Keys.Except(baseline.Keys));

        foreach (var (id, f) in stored)
        {
            var before = baseline[id];
            var exempt = f.Finding.Key.RuleId is "AISPM-1001" or "AISPM-1002" && f.Finding.Key.ResourceId.StartsWith(Sandbox, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(exempt ? FindingStatus.Exempted : FindingStatus.Open, f.Status);
            Assert.Equal(exempt ? "EX-SANDBOX" : null, f.Finding.Exemption?.Id);
            Assert.Equal(f.Finding.Key.RuleId == "AISPM-1003" ? Severity.Critical : before.Severity, f.Finding.Severity);
        }

        var exempted = stored.Values.Where(f => f.Status == FindingStatus.Exempted).ToList();
        Assert.True(exempted.Count >= 4, $"{exempted.Count} exempted findings.");
        Assert.Contains(stored.Values, f => f.Finding.Key.RuleId == "AISPM-1001" && f.Status == FindingStatus.Open);
        Assert.Contains(stored.Values, f => f.Finding.Key.RuleId == "AISPM-1003" && f.Finding.Evidence["policy.severityOverride"] == "Medium → Critical: Keys are our biggest AI risk");

        // The run summary counts exempted findings apart and names the policy.
        var summary = JsonNode.Parse((await harness.Runs.GetAsync(run.RunId))!.SummaryJson!)!;
        Assert.Equal(exempted.Count, summary["exemptedBySeverity"]!.AsObject().Sum(p => p.Value!.GetValue<int>()));
        Assert.Equal(catalog.Policy.Digest(), summary["policy"]!["digest"]!.GetValue<string>());

        // The findings API.
        var api = await harness.FunctionApp(new AiSpm.Application.Events.ResourceChangeFilter([])).FindingsAsync(FunctionHttpRequest.Of(query: new Dictionary<string, string> { ["status"] = "exempted", ["pageSize"] = "1000" }), CancellationToken.None);
        Assert.Equal(200, api.StatusCode);
        var listed = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(api.Body, System.Text.Json.JsonSerializerOptions.Web))!["findings"]!.AsArray();
        Assert.Equal(exempted.Count, listed.Count);
        Assert.All(listed, f => Assert.Equal("EX-SANDBOX", f!["exemption"]!["id"]!.GetValue<string>()));

        // The report.
        var html = HtmlReport.Render(await ReportModel.LoadAsync(harness.Findings, harness.Assets, harness.Runs, harness.Suppressions, rules: catalog));
        Assert.Contains("Exempted by policy (" + exempted.Count + ")", html, StringComparison.Ordinal);
        Assert.Contains("innovation-lab@contoso.example", html, StringComparison.Ordinal);
        Assert.Contains("1 rule disabled, 1 severity override, 1 exemption, 1 sanctioned app", html, StringComparison.Ordinal);

        // The evidence export: the policy, the exempted findings, and compliance that counts them as accepted risks.
        using var zip = new MemoryStream();
        await harness.Services.GetRequiredService<EvidenceExporter>().ExportAsync(zip);
        var files = ZipEdit.Read(zip.ToArray()).ToDictionary(f => f.Key, f => System.Text.Encoding.UTF8.GetString(f.Value));
        Assert.True((await EvidenceVerifier.VerifyAsync(new MemoryStream(zip.ToArray()))).IsValid);
        var policy = JsonNode.Parse(files[EvidenceFiles.Policy])!;
        var rules = policy["rules"]!.AsArray();
        Assert.False(rules.Single(r => r!["id"]!.GetValue<string>() == "AISPM-1005")!["evaluated"]!.GetValue<bool>());
        Assert.Equal("Critical", rules.Single(r => r!["id"]!.GetValue<string>() == "AISPM-1003")!["severity"]!.GetValue<string>());
        Assert.Equal("Approved by the AI board (AI-42)", policy["sanctionedApps"]![0]!["reason"]!.GetValue<string>());
        Assert.True(policy["exemptions"]![0]!["active"]!.GetValue<bool>());
        Assert.Contains(",Exempted,", files[EvidenceFiles.FindingsCsv], StringComparison.Ordinal);
        Assert.Contains("EX-SANDBOX", files[EvidenceFiles.FindingsCsv], StringComparison.Ordinal);
        var nist = JsonNode.Parse(files["compliance/nist-ai-rmf.json"])!;
        var exemptedIds = nist["controls"]!.AsArray().SelectMany(c => c!["exemptedFindingIds"]!.AsArray().Select(i => i!.GetValue<string>())).ToHashSet();
        Assert.NotEmpty(exemptedIds);
        Assert.Subset(exempted.Select(f => f.Finding.Key.Id).ToHashSet(), exemptedIds);

        // The Teams digest.
        var digest = AdaptiveCardShape.Text(harness.Tenant.Server.Teams.PostsTo(Hook).Select(AdaptiveCardShape.AssertValid).Single(c => AdaptiveCardShape.Text(c).Contains("AiSpm scan digest", StringComparison.Ordinal)));
        Assert.Contains($"{exempted.Count} exempted by policy", digest, StringComparison.Ordinal);
        Assert.Contains("EX-SANDBOX", digest, StringComparison.Ordinal);
        Assert.Contains("1 rule disabled, 1 severity override, 1 exemption, 1 sanctioned app", digest, StringComparison.Ordinal);
        Assert.Contains("(severity set by policy) AISPM-1003", digest, StringComparison.Ordinal);

        // The audit chain: the first run under this policy is recorded once.
        var applied = await harness.Audit.ReadAsync().Where(e => e.Record.Action == PolicyChangeAudit.Action).ToListAsync();
        var entry = Assert.Single(applied);
        Assert.Contains(catalog.Policy.Digest(), entry.Record.Details, StringComparison.Ordinal);
        await harness.FullScanAsync();
        Assert.Single(await harness.Audit.ReadAsync().Where(e => e.Record.Action == PolicyChangeAudit.Action).ToListAsync());
    }

    [Fact]
    public async Task A_policy_that_does_not_parse_stops_the_start_naming_the_setting_the_file_and_the_line()
    {
        await File.WriteAllTextAsync(_policyFile, "version: 1\nrules:\n  disable: [AISPM-9999]\n");

        var error = await Assert.ThrowsAsync<Connectors.Storage.StorageConfigurationException>(async () =>
        {
            await using var harness = await ScanHarness.StartAsync(azurite, settings: new Dictionary<string, string?> { [AppSettingNames.Policy] = _policyFile });
            harness.Services.ValidateAiSpm();
        });

        Assert.Contains(AppSettingNames.Policy, error.Message, StringComparison.Ordinal);
        Assert.Contains(_policyFile + ":3", error.Message, StringComparison.Ordinal);
        Assert.Contains("AISPM-9999", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_policyFile);

    private static bool NotPath(Finding finding) => !Core.Rules.Paths.PathRule.IsPathRule(finding.Key.RuleId);

    private static TeamsNotifierOptions Teams(EmulatedTenant tenant) => new()
    {
        WebhookUri = tenant.Server.TeamsWebhookUri(Hook),
        Pipeline = new TeamsWebhookOptions { Transport = new HttpClientTransport(tenant.Server.CreateHandler()) },
        MaxAlertsPerRun = 5,
        DigestTopRisks = 60,
    };
}
