using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Policy;
using AiSpm.Core.Rules;
using AiSpm.Core.Rules.Entra.Permissions;
using AiSpm.Core.Tests.Rules;
using AiSpm.Core.Tests.Rules.DemoTenant;

namespace AiSpm.Core.Tests.Policy;

/// <summary>What a policy does to the demo tenant's results: rule selection, severity overrides, exemptions, sanctioned apps, known bots and settings.</summary>
public sealed class ScanPolicyTests
{
    private const string Sandbox = "/subscriptions/6f1c0a00-0000-4000-8000-000000000003/";
    private static readonly DateTimeOffset Now = RuleFixtures.EvaluatedAt;
    private static readonly Lazy<PostureSnapshot> Demo = new(() => CognitiveServicesDemoTenantTests.Load() with { Directory = DemoTenantGraph.Load() });

    [Fact]
    public void A_disabled_rule_never_runs_and_an_enabled_one_joins_the_baseline()
    {
        var policy = ScanPolicy.Default with { DisabledRules = ["AISPM-1007"], EnabledRules = ["AISPM-1004"] };
        var catalog = RuleCatalog.BuiltIn.WithPolicy(policy);

        Assert.DoesNotContain(catalog.Evaluated, r => r.Descriptor.Id == "AISPM-1007");
        Assert.Contains(catalog.Evaluated, r => r.Descriptor.Id == "AISPM-1004");
        Assert.DoesNotContain(catalog.Evaluated, r => r.Descriptor.Id == "AISPM-1204");
        var results = catalog.Evaluate(Demo.Value);
        Assert.DoesNotContain(results, r => r.Rule.Id == "AISPM-1007");
        Assert.Contains(results, r => r.Rule.Id == "AISPM-1004" && r.Outcome == RuleOutcome.Fail);
        Assert.False((ScanPolicy.Default with { DisabledRules = ["AISPM-1004"], EnabledRules = ["AISPM-1004"] }).Evaluates(RuleCatalog.BuiltIn.Find("AISPM-1004")!.Descriptor));
    }

    [Fact]
    public void A_severity_override_sets_every_failure_of_its_rule_and_says_why()
    {
        var policy = ScanPolicy.Default with { SeverityOverrides = [new SeverityOverride("AISPM-1001", Severity.Critical, "Internet exposure is our top risk")] };
        var failures = Failures(policy);

        var overridden = failures.Where(f => f.Key.RuleId == "AISPM-1001").ToList();
        Assert.NotEmpty(overridden);
        Assert.All(overridden, f => Assert.Equal(Severity.Critical, f.Severity));
        Assert.All(overridden, f => Assert.Equal("High → Critical: Internet exposure is our top risk", f.Evidence["policy.severityOverride"]));
        Assert.All(failures.Where(f => f.Key.RuleId == "AISPM-1002"), f => Assert.Equal(Severity.High, f.Severity));
    }

    [Fact]
    public void An_exemption_by_tag_covers_the_tagged_resources_and_their_children_only_for_its_rules()
    {
        var exemption = Exemption("EX-SANDBOX", ["AISPM-1001", "AISPM-1103"]) with { Tag = new KeyValuePair<string, string>("env", "sandbox") };
        var failures = Failures(ScanPolicy.Default with { Exemptions = [exemption] });

        var exempted = failures.Where(f => f.Exemption is not null).ToList();
        Assert.NotEmpty(exempted);
        Assert.All(exempted, f => Assert.StartsWith(Sandbox, f.Key.ResourceId, StringComparison.OrdinalIgnoreCase));
        Assert.All(exempted, f => Assert.Contains(f.Key.RuleId, exemption.Rules));
        // A deployment's policy finding (AISPM-1103 on sandbox-permissive) takes the tags of its account.
        Assert.Contains(exempted, f => f.Key.RuleId == "AISPM-1103" && f.Key.ResourceId.Contains("/raiPolicies/", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(new FindingExemption("EX-SANDBOX", "Hackathon sandbox, torn down monthly", "innovation-lab@contoso.example", Now.AddDays(30)), exempted[0].Exemption);
        // Outside the tag, and for other rules, nothing changes.
        Assert.Contains(failures, f => f.Key.RuleId == "AISPM-1001" && f.Exemption is null && !f.Key.ResourceId.StartsWith(Sandbox, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(failures, f => f.Key.RuleId == "AISPM-1002" && f.Exemption is null && f.Key.ResourceId.StartsWith(Sandbox, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Failures(ScanPolicy.Default).Count, failures.Count);
    }

    [Fact]
    public void An_exemption_by_tag_covers_a_path_at_the_close_where_only_the_graph_is_seen()
    {
        // As a run's close evaluates paths: the graph of assets, edges (role assignments) and open findings, nothing else.
        var snapshot = Demo.Value;
        var selection = new AiSpm.Core.Inventory.Access.RoleAssignmentSelection(
            snapshot.Azure.Resources.SelectMany(r => r.IdentityPrincipalIds).ToHashSet(StringComparer.OrdinalIgnoreCase),
            snapshot.Azure.Resources.Select(r => AiSpm.Core.Inventory.AzureAi.ArmId.TopLevelOf(r.Id)).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase));
        using var rows = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RuleFixtures.RepositoryRoot(), "fixtures", "demo-tenant", "arm", "authorizationresources.json")));
        var edges = rows.RootElement.GetProperty("value").EnumerateArray().Select(r => AiSpm.Core.Inventory.Access.RoleAssignmentEdges.Read(r, selection, out _)).OfType<AiSpm.Core.Graph.GraphEdge>().ToList();
        var findings = RuleCatalog.Default.Evaluate(snapshot).Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.ToFinding()).ToList();
        var graph = AiSpm.Core.Graph.SecurityGraph.Of(snapshot, findings, edges);
        var policy = ScanPolicy.Default with { Exemptions = [Exemption("EX-PATH", ["AISPM-4007"]) with { Tag = new KeyValuePair<string, string>("env", "sandbox") }] };

        var paths = RuleCatalog.BuiltIn.WithPolicy(policy).Evaluate(new PostureSnapshot { Graph = graph, EvaluatedAt = Now }).Where(r => r.Outcome == RuleOutcome.Fail && r.Rule.Id == "AISPM-4007").ToList();

        Assert.Contains(paths, r => r.ResourceId.EndsWith("/mlw-sandbox", StringComparison.OrdinalIgnoreCase) && r.Exemption?.Id == "EX-PATH");
        Assert.All(paths.Where(r => !r.ResourceId.StartsWith(Sandbox, StringComparison.OrdinalIgnoreCase)), r => Assert.Null(r.Exemption));
    }

    [Fact]
    public void An_exemption_expires_and_one_without_a_scope_never_applies()
    {
        var expired = Exemption("EX-OLD", ["*"]) with { Subscription = "6f1c0a00-0000-4000-8000-000000000003", ExpiresAt = Now };
        var unscoped = Exemption("EX-ALL", ["*"]);

        Assert.DoesNotContain(Failures(ScanPolicy.Default with { Exemptions = [expired, unscoped] }), f => f.Exemption is not null);
        Assert.Contains(Failures(ScanPolicy.Default with { Exemptions = [expired with { ExpiresAt = Now.AddSeconds(1) }] }), f => f.Exemption is not null);
    }

    [Theory]
    [InlineData("resource", "*/providers/Microsoft.CognitiveServices/accounts/oai-sandbox-playground*", "oai-sandbox-playground")]
    [InlineData("resourceGroup", "RG-SANDBOX", null)]
    [InlineData("subscription", "6F1C0A00-0000-4000-8000-000000000003", null)]
    public void An_exemption_by_resource_pattern_group_or_subscription_stays_inside_it(string kind, string value, string? name)
    {
        var exemption = kind switch
        {
            "resource" => Exemption("EX-1", ["*"]) with { Resource = value },
            "resourceGroup" => Exemption("EX-1", ["*"]) with { ResourceGroup = value },
            _ => Exemption("EX-1", ["*"]) with { Subscription = value },
        };
        var exempted = Failures(ScanPolicy.Default with { Exemptions = [exemption] }).Where(f => f.Exemption is not null).ToList();

        Assert.NotEmpty(exempted);
        Assert.All(exempted, f => Assert.StartsWith(Sandbox, f.Key.ResourceId, StringComparison.OrdinalIgnoreCase));
        if (name is not null)
        {
            Assert.All(exempted, f => Assert.Contains("/" + name, f.Key.ResourceId, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void A_sanctioned_app_passes_the_shadow_ai_rules_but_not_its_permission_rules()
    {
        var shipped = Failures(ScanPolicy.Default);
        var shadow = shipped.First(f => f.Category == RuleCategory.ShadowAi && f.Evidence.ContainsKey("appId"));
        var appId = shadow.Evidence["appId"];
        var policy = ScanPolicy.Default with { SanctionedApps = [new SanctionedApp(appId, null, "Approved by the AI board, ticket AI-42")] };

        var results = RuleCatalog.BuiltIn.WithPolicy(policy).Evaluate(Demo.Value);
        var ofApp = results.Where(r => r.ResourceId == shadow.Key.ResourceId).ToList();
        Assert.All(ofApp.Where(r => r.Rule.Category == RuleCategory.ShadowAi), r => Assert.Equal(RuleOutcome.Pass, r.Outcome));
        Assert.Contains(ofApp, r => r.Rule.Id == shadow.Key.RuleId && r.Evidence["policy.sanctioned"] == "Approved by the AI board, ticket AI-42");
        var otherRules = shipped.Where(f => f.Key.ResourceId == shadow.Key.ResourceId && f.Category != RuleCategory.ShadowAi).Select(f => f.Key.Id).ToList();
        Assert.All(otherRules, id => Assert.Contains(results, r => r.Outcome == RuleOutcome.Fail && new FindingKey(r.Rule.Id, r.ResourceId, r.SubKey).Id == id));
        Assert.Equal(shipped.Count(f => f.Category == RuleCategory.ShadowAi && f.Key.ResourceId == shadow.Key.ResourceId),
            shipped.Count - results.Count(r => r.Outcome == RuleOutcome.Fail));
    }

    [Fact]
    public void A_known_bot_passes_public_network_access_with_the_reason()
    {
        Assert.Contains(Failures(ScanPolicy.Default), f => f.Key.RuleId == "AISPM-1401" && f.Key.ResourceId.EndsWith("/bot-contoso-helpdesk", StringComparison.Ordinal));
        var policy = ScanPolicy.Default with { KnownBots = [new KnownBot("bot-contoso-*", "Teams channel bot: Teams reaches it over the internet")] };

        var result = Assert.Single(RuleCatalog.BuiltIn.WithPolicy(policy).Evaluate(Demo.Value), r => r.Rule.Id == "AISPM-1401" && r.ResourceId.EndsWith("/bot-contoso-helpdesk", StringComparison.Ordinal));
        Assert.Equal(RuleOutcome.Pass, result.Outcome);
        Assert.Equal("Teams channel bot: Teams reaches it over the internet", result.Evidence["policy.knownBot"]);
    }

    [Fact]
    public void Rule_settings_move_the_thresholds()
    {
        var shipped = Failures(ScanPolicy.Default with { Baseline = Baselines.Strict });
        var tight = Failures(ScanPolicy.Default with { Baseline = Baselines.Strict, Settings = new RuleSettings { SecretMaxLifetimeDays = 30, SearchMinimumReplicas = 4, ModelRetirementHorizonDays = 3650 } });
        var loose = Failures(ScanPolicy.Default with { Baseline = Baselines.Strict, Settings = new RuleSettings { SearchMinimumReplicas = 1, ModelRetirementHorizonDays = 1 } });

        Assert.True(tight.Count(f => f.Key.RuleId == "AISPM-2021") > shipped.Count(f => f.Key.RuleId == "AISPM-2021"));
        Assert.True(tight.Count(f => f.Key.RuleId == "AISPM-1306") > shipped.Count(f => f.Key.RuleId == "AISPM-1306"));
        Assert.True(tight.Count(f => f.Key.RuleId == "AISPM-1151") > shipped.Count(f => f.Key.RuleId == "AISPM-1151"));
        Assert.DoesNotContain(loose, f => f.Key.RuleId is "AISPM-1306" or "AISPM-1151");
        Assert.Contains(shipped, f => f.Key.RuleId == "AISPM-1151");
    }

    [Fact]
    public void The_digest_changes_with_what_the_policy_decides_and_not_with_where_it_came_from()
    {
        var policy = ScanPolicy.Default with { Exemptions = [Exemption("EX-1", ["AISPM-1001"]) with { ResourceGroup = "rg" }] };

        Assert.Equal(policy.Digest(), (policy with { Source = "elsewhere.yaml" }).Digest());
        Assert.NotEqual(policy.Digest(), ScanPolicy.Default.Digest());
        Assert.NotEqual(policy.Digest(), (policy with { Exemptions = [policy.Exemptions[0] with { ExpiresAt = Now.AddDays(31) }] }).Digest());
        Assert.NotEqual(ScanPolicy.Default.Digest(), (ScanPolicy.Default with { Settings = new RuleSettings { SecretExpiryWarningDays = 14 } }).Digest());
        Assert.Contains("1 exemption", policy.Summary(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "ABC", true)]
    [InlineData("a*c", "abbbc", true)]
    [InlineData("a*c", "ab", false)]
    [InlineData("*x*y*", "--x--y", true)]
    [InlineData("*x*y*", "--y--x", false)]
    [InlineData("ab*ba", "aba", false)]
    [InlineData("*", "", true)]
    public void Patterns_match_whole_values_with_stars_only(string pattern, string value, bool matches) =>
        Assert.Equal(matches, ResourcePattern.IsMatch(pattern, value));

    [Fact]
    public void Shadow_ai_severity_drops_a_level_for_a_low_confidence_match_and_for_a_home_grown_app()
    {
        var sp = new ServicePrincipal { Id = "1", AppId = "2", DisplayName = "x" };
        AiAppEntry App(AiMatchConfidence confidence, AppOrigin origin) => new(sp, new AiAppMatch(null, confidence, "r"), origin, false, [], []);

        Assert.Equal(Severity.High, ShadowAiSeverity.Of(Severity.High, App(AiMatchConfidence.High, AppOrigin.ThirdParty)));
        Assert.Equal(Severity.Medium, ShadowAiSeverity.Of(Severity.High, App(AiMatchConfidence.Low, AppOrigin.ThirdParty)));
        Assert.Equal(Severity.Medium, ShadowAiSeverity.Of(Severity.High, App(AiMatchConfidence.Medium, AppOrigin.ThisTenant)));
        Assert.Equal(Severity.Low, ShadowAiSeverity.Of(Severity.High, App(AiMatchConfidence.Low, AppOrigin.ThisTenant)));
        Assert.Equal(Severity.Low, ShadowAiSeverity.Of(Severity.Medium, App(AiMatchConfidence.Low, AppOrigin.ThisTenant)));
        // On the demo tenant: the home-grown HR GPT assistant (row 103) drops and says why; a third-party app matched by id stays High.
        var failures = Failures(ScanPolicy.Default).Where(f => f.Key.RuleId == "AISPM-2002").ToList();
        var homeGrown = failures.Single(f => f.Key.ResourceId.EndsWith("5e0a0000-0000-4000-8000-000000000001", StringComparison.Ordinal));
        Assert.True(homeGrown.Severity < Severity.High);
        Assert.Contains("home-grown app", homeGrown.Evidence["severityReason"], StringComparison.Ordinal);
        Assert.Contains(failures, f => f.Severity == Severity.High && !f.Evidence.ContainsKey("severityReason"));
    }

    private static PolicyExemption Exemption(string id, IReadOnlyList<string> rules) => new()
    {
        Id = id,
        Rules = rules,
        Justification = "Hackathon sandbox, torn down monthly",
        Owner = "innovation-lab@contoso.example",
        ExpiresAt = Now.AddDays(30),
    };

    private static List<Finding> Failures(ScanPolicy policy) =>
        RuleCatalog.BuiltIn.WithPolicy(policy).Evaluate(Demo.Value).Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.ToFinding()).ToList();
}
