using System.Text.Json;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Tests.Rules.DemoTenant;

/// <summary>
/// Runs the Cognitive Services, content safety, model lifecycle, AI Search and Bot Service rules over the demo
/// tenant (fixtures/demo-tenant/arm/resources) and checks they raise exactly the planted issues its README lists
/// for these areas, and nothing on its clean controls.
/// </summary>
public sealed class CognitiveServicesDemoTenantTests
{
    private static readonly string[] RuleIds =
    [
        "AISPM-1007", "AISPM-1008", "AISPM-1009",
        "AISPM-1102", "AISPM-1103", "AISPM-1104", "AISPM-1105", "AISPM-1106",
        "AISPM-1150", "AISPM-1151", "AISPM-1152", "AISPM-1153",
        "AISPM-1301", "AISPM-1302", "AISPM-1303", "AISPM-1304", "AISPM-1305", "AISPM-1306", "AISPM-1307", "AISPM-1308",
        "AISPM-1401", "AISPM-1402", "AISPM-1403",
    ];

    internal static readonly (string RuleId, string Resource)[] Expected =
    [
        // README rows 2, 16, 36, 44, 48, 64, 75, 81: no (approved) private endpoint.
        ("AISPM-1007", "oai-contoso-prod-swc"),
        ("AISPM-1007", "docintel-contoso-prod"),
        ("AISPM-1007", "oai-contoso-dev"),
        ("AISPM-1007", "ais-contoso-dev"),
        ("AISPM-1007", "lang-contoso-dev"),
        ("AISPM-1007", "oai-sandbox-playground"),
        ("AISPM-1007", "ais-sandbox-hackathon"),
        ("AISPM-1007", "cv-sandbox"),

        // Rows 8 and 70: harm filters lowered or not blocking; 41 (dev-no-jailbreak) must not raise it.
        ("AISPM-1102", "relaxed-filters"),
        ("AISPM-1102", "sandbox-permissive"),

        // Rows 9, 41, 71: Prompt Shields off.
        ("AISPM-1103", "relaxed-filters"),
        ("AISPM-1103", "dev-no-jailbreak"),
        ("AISPM-1103", "sandbox-permissive"),

        // Row 70 also plants mode Asynchronous_filter.
        ("AISPM-1105", "sandbox-permissive"),

        // Rows 14, 43, 72: deployments on a weakened custom policy.
        ("AISPM-1106", "gpt-4o-campaigns"),
        ("AISPM-1106", "o3-mini"),
        ("AISPM-1106", "gpt-4o-mini-fast"),

        // Rows 10, 12, 74: retired versions (the Models API lists them Deprecated). gpt-4o-campaigns (gpt-4o 2024-08-06,
        // Standard) is not a planted row: the Models API gives the Standard SKU a deprecationDate of 2026-03-31, before
        // the reference instant.
        ("AISPM-1150", "chat-legacy"),
        ("AISPM-1150", "gpt4-classic"),
        ("AISPM-1150", "gpt35-0301"),
        ("AISPM-1150", "gpt-4o-campaigns"),

        // Row 120: o3-mini 2025-01-31 retires on 2027-02-01 per the Models API (arm/models.json, westeurope), 71 days after
        // the reference instant; the catalogue's passed schedule (2026-08-02) alone would have left it unknown.
        ("AISPM-1151", "o3-mini"),

        // Rows 11, 42, 74: NoAutoUpgrade.
        ("AISPM-1152", "chat-legacy"),
        ("AISPM-1152", "gpt-4o-mini"),
        ("AISPM-1152", "gpt35-0301"),

        // Rows 58-63: srch-contoso-dev (58 also says it has no private endpoint).
        ("AISPM-1301", "srch-contoso-dev"),
        ("AISPM-1302", "srch-contoso-dev"),
        ("AISPM-1303", "srch-contoso-dev"),
        ("AISPM-1304", "srch-contoso-dev"),
        ("AISPM-1305", "srch-contoso-dev"),
        ("AISPM-1306", "srch-contoso-dev"),
        ("AISPM-1307", "srch-contoso-dev"),

        // Rows 29-31: bot-contoso-helpdesk.
        ("AISPM-1401", "bot-contoso-helpdesk"),
        ("AISPM-1402", "bot-contoso-helpdesk"),
        ("AISPM-1403", "bot-contoso-helpdesk"),
    ];

    private static readonly string[] CleanControls =
    [
        "oai-contoso-prod-eus", "contoso-strict", "ais-contoso-foundry-prod", "proj-support-copilot", "proj-contract-review",
        "srch-contoso-prod", "speech-contoso-dev", "bot-contoso-dev-agent", "cs-contentsafety-prod",
    ];

    [Fact]
    public void Finds_exactly_the_planted_issues()
    {
        var failures = Failures();

        Assert.Equal(
            Expected.Select(e => $"{e.RuleId} {e.Resource}").Order(StringComparer.Ordinal),
            failures.Select(f => $"{f.RuleId} {f.Resource}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Clean_controls_and_their_children_are_not_flagged()
    {
        var snapshot = Load();
        var clean = snapshot.Azure.Resources
            .Where(r => CleanControls.Contains(r.Name) || (r.ParentId is not null && CleanControls.Contains(snapshot.Azure.Get(r.ParentId)?.Name)))
            .Select(r => r.Id)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var flagged = Evaluate(snapshot).Where(r => r.Outcome == RuleOutcome.Fail && clean.Contains(r.ResourceId)).ToList();

        Assert.NotEmpty(clean);
        Assert.Empty(flagged.Select(r => $"{r.Rule.Id} {r.ResourceId}"));
    }

    [Fact]
    public void No_rule_errors_on_the_demo_tenant()
    {
        Assert.DoesNotContain(Evaluate(Load()), r => r.Outcome == RuleOutcome.Error);
    }

    private static List<(string RuleId, string Resource)> Failures()
    {
        var snapshot = Load();
        return Evaluate(snapshot)
            .Where(r => r.Outcome == RuleOutcome.Fail)
            .Select(r => (r.Rule.Id, snapshot.Azure.Get(r.ResourceId)?.Name ?? r.ResourceId))
            .ToList();
    }

    private static IEnumerable<RuleResult> Evaluate(PostureSnapshot snapshot) =>
        RuleIds.SelectMany(id => (RuleCatalog.BuiltIn.Find(id) ?? throw new InvalidOperationException($"Rule {id} is not in the catalogue.")).Evaluate(snapshot)).ToList();

    internal static PostureSnapshot Load()
    {
        var directory = Path.Combine(RuleFixtures.RepositoryRoot(), "fixtures", "demo-tenant", "arm", "resources");
        var builder = new AiInventoryBuilder();
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            builder.AddDocument(document.RootElement, Path.GetFileName(file));
        }

        // The Models API lists of the demo's locations (arm/models.json: location → list items), read at the reference instant.
        using (var models = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "..", "models.json"))))
        {
            foreach (var location in models.RootElement.EnumerateObject())
            {
                builder.Models.LocationRead(location.Name, RuleFixtures.EvaluatedAt).AddList(location.Name, location.Value);
            }
        }

        return new PostureSnapshot { Azure = builder.Build(), EvaluatedAt = RuleFixtures.EvaluatedAt };
    }
}
