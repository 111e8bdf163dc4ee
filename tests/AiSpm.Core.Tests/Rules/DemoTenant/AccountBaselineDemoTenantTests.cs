using System.Text.Json;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Tests.Rules.DemoTenant;

/// <summary>
/// The account baseline rules (AISPM-1001 … 1006) and the deployment content-filter rule (AISPM-1101) over the demo
/// tenant: exactly the planted issues of its README, and no finding of any rule on its clean controls (G1–G4, G7–G9).
/// </summary>
public sealed class AccountBaselineDemoTenantTests
{
    private static readonly string[] RuleIds = ["AISPM-1001", "AISPM-1002", "AISPM-1003", "AISPM-1004", "AISPM-1005", "AISPM-1006", "AISPM-1101"];

    internal static readonly Dictionary<string, string[]> Expected = new()
    {
        // Rows 1, 36, 45, 51, 64, 75, 81 (public, default-allow); docintel-contoso-prod (row 16) is firewalled and must not be here.
        ["AISPM-1001"] = ["ais-contoso-dev", "ais-sandbox-hackathon", "cv-sandbox", "lang-contoso-dev", "oai-contoso-dev", "oai-contoso-prod-swc", "oai-sandbox-playground"],
        // Rows 3, 17, 37, 49 (property absent), 65, 76, 82.
        ["AISPM-1002"] = ["ais-sandbox-hackathon", "cv-sandbox", "docintel-contoso-prod", "lang-contoso-dev", "oai-contoso-dev", "oai-contoso-prod-swc", "oai-sandbox-playground"],
        // Rows 4, 18, 50, 66, 77, 83.
        ["AISPM-1003"] = ["ais-sandbox-hackathon", "cv-sandbox", "docintel-contoso-prod", "lang-contoso-dev", "oai-contoso-prod-swc", "oai-sandbox-playground"],
        // Microsoft-managed keys everywhere but the hardened accounts (row 15: cs-contentsafety-prod's only issue).
        ["AISPM-1004"] = ["ais-contoso-dev", "ais-sandbox-hackathon", "cs-contentsafety-prod", "cv-sandbox", "docintel-contoso-prod", "lang-contoso-dev", "oai-contoso-dev", "oai-contoso-prod-swc", "oai-sandbox-playground"],
        // Rows 6, 46, 52, 68, 80, 85, and oai-contoso-dev whose setting has every log category off.
        ["AISPM-1005"] = ["ais-contoso-dev", "ais-sandbox-hackathon", "cv-sandbox", "lang-contoso-dev", "oai-contoso-dev", "oai-contoso-prod-swc", "oai-sandbox-playground"],
        // Rows 7, 39, 47, 69, 78 (OpenAI and AIServices kinds only).
        ["AISPM-1006"] = ["ais-contoso-dev", "ais-sandbox-hackathon", "oai-contoso-dev", "oai-contoso-prod-swc", "oai-sandbox-playground"],
        // Rows 13 and 73.
        ["AISPM-1101"] = ["dall-e-3", "gpt4-classic"],
    };

    private static readonly string[] CleanControls =
    [
        "oai-contoso-prod-eus", "ais-contoso-foundry-prod", "mlw-contoso-hub-prod", "mlw-contoso-proj-claims", "ep-claims-triage",
        "cpu-cluster", "srch-contoso-prod", "speech-contoso-dev", "ci-dev-shared", "bot-contoso-dev-agent",
    ];

    private static PostureSnapshot Load()
    {
        var root = RuleFixtures.RepositoryRoot();
        var builder = new AiInventoryBuilder();
        foreach (var file in Directory.GetFiles(Path.Combine(root, "fixtures", "demo-tenant", "arm", "resources"), "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            builder.AddDocument(document.RootElement, file);
        }

        return new PostureSnapshot { Azure = builder.Build(), EvaluatedAt = RuleFixtures.EvaluatedAt };
    }

    [Fact]
    public void Each_rule_finds_exactly_the_planted_issues()
    {
        var results = RuleCatalog.BuiltIn.Evaluate(Load());

        foreach (var id in RuleIds)
        {
            var failed = results.Where(r => r.Rule.Id == id && r.Outcome == RuleOutcome.Fail).Select(r => r.ResourceId[(r.ResourceId.LastIndexOf('/') + 1)..]).Order().ToList();
            Assert.Equal(Expected[id], failed);
        }
    }

    [Fact]
    public void No_rule_flags_a_clean_control_or_its_children()
    {
        var results = RuleCatalog.BuiltIn.Evaluate(Load());

        var flagged = results
            .Where(r => r.Outcome is RuleOutcome.Fail or RuleOutcome.Error)
            .Where(r => CleanControls.Any(c => r.ResourceId.Contains("/" + c + "/", StringComparison.OrdinalIgnoreCase) || r.ResourceId.EndsWith("/" + c, StringComparison.OrdinalIgnoreCase)))
            .Select(r => $"{r.Rule.Id} {r.ResourceId}")
            .ToList();

        Assert.Empty(flagged);
    }
}
