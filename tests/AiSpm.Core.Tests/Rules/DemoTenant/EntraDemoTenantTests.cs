using System.Text.Json;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Tests.Rules.DemoTenant;

/// <summary>
/// The Entra and Copilot rules on the demo tenant's Graph data (fixtures/demo-tenant/graph) at the README's reference
/// instant: exactly the planted issues fail (rows 95–119), and the clean controls (G12–G19) produce nothing.
/// </summary>
public sealed class EntraDemoTenantTests
{
    private const string Sp = "graph:/servicePrincipals/";
    private const string App = "graph:/applications/";

    // (rule, resource, sub key, README row)
    internal static readonly (string Rule, string Resource, string? SubKey, string Row)[] Expected =
    [
        ("AISPM-2001", Sp + "5e0c0000-0000-4000-8000-000000000001", null, "95 ChatGPT tenant-wide Files/Sites"),
        ("AISPM-2001", Sp + "5e0c0000-0000-4000-8000-000000000006", null, "96 Read AI tenant-wide Mail.Read"),
        ("AISPM-2001", Sp + "5e0a0000-0000-4000-8000-000000000004", null, "108 Sales Email Drafter tenant-wide Mail"),
        ("AISPM-2002", Sp + "5e0c0000-0000-4000-8000-000000000005", null, "100 Fireflies.ai app-only"),
        ("AISPM-2002", Sp + "5e0c0000-0000-4000-8000-000000000010", null, "101 Glean app-only"),
        ("AISPM-2002", Sp + "5e0a0000-0000-4000-8000-000000000001", null, "103 HR GPT assistant app-only"),
        ("AISPM-2003", Sp + "5e0a0000-0000-4000-8000-000000000003", null, "105 Identity Automation Tier-0"),
        ("AISPM-2003", Sp + "5e0a0000-0000-4000-8000-000000000008", null, "111 Helpdesk Copilot Agent Backend Tier-0"),
        ("AISPM-2005", Sp + "5e0c0000-0000-4000-8000-000000000005", null, "100 Fireflies.ai unverified"),
        ("AISPM-2005", Sp + "5e0c0000-0000-4000-8000-000000000006", null, "96 Read AI unverified"),
        ("AISPM-2005", Sp + "5e0c0000-0000-4000-8000-000000000014", null, "99 AI Meeting Notes Pro unverified"),
        ("AISPM-2006", Sp + "5e0c0000-0000-4000-8000-000000000002", null, "97 Claude user consent (2 users)"),
        ("AISPM-2006", Sp + "5e0c0000-0000-4000-8000-000000000009", null, "98 Notion user consent (1 user)"),
        ("AISPM-2006", Sp + "5e0c0000-0000-4000-8000-000000000014", null, "99 AI Meeting Notes Pro user consent (3 users)"),
        ("AISPM-2010", "graph:/policies/authorizationPolicy", null, "116 legacy user consent"),
        ("AISPM-2011", "graph:/policies/adminConsentRequestPolicy", null, "118 admin consent workflow off"),
        ("AISPM-2012", "graph:/policies/authorizationPolicy", null, "117 users can register apps"),
        ("AISPM-2021", App + "a0000000-0000-4000-8000-000000000001", "c0ed0000-0000-4000-8000-000000000001", "104 HR GPT 5-year secret"),
        ("AISPM-2022", App + "a0000000-0000-4000-8000-000000000003", "c0ed0000-0000-4000-8000-000000000003", "107 Identity Automation secret expiring"),
        ("AISPM-2022", App + "a0000000-0000-4000-8000-000000000004", "c0ed0000-0000-4000-8000-000000000005", "not planted: Sales Email Drafter v2 also ends 2026-12-12"),
        ("AISPM-2023", App + "a0000000-0000-4000-8000-000000000004", "c0ed0000-0000-4000-8000-000000000004", "109 Sales Email Drafter expired v1"),
        ("AISPM-2024", App + "a0000000-0000-4000-8000-000000000005", "c0ed0000-0000-4000-8000-000000000006", "110 Finance Reporting Bot never expires"),
        ("AISPM-2026", Sp + "5e0a0000-0000-4000-8000-000000000003", null, "106 Identity Automation secret + Tier-0"),
        ("AISPM-2026", Sp + "5e0a0000-0000-4000-8000-000000000008", null, "111 Helpdesk secret + Tier-0"),
        ("AISPM-2030", Sp + "5e0d0000-0000-4000-8000-000000000002", null, "113 IT Ops Agent Tier-0"),
        ("AISPM-2031", Sp + "5e0d0000-0000-4000-8000-000000000001", null, "112 Procurement Agent Tier-1"),
        ("AISPM-2032", "graph:/copilot/admin/catalog/packages/T_0c3c2b1a-0001-4000-8000-000000000003", null, "114 SmartSummarizer Agent"),
        ("AISPM-2033", "graph:/copilot/admin/settings/limitedMode", null, "115 limited mode off"),
        ("AISPM-2035", Sp + "5e0a0000-0000-4000-8000-000000000003", null, "119 Identity Automation owned by a user"),
        ("AISPM-2024", App + "a0000000-0000-4000-8000-000000000001", "c0ed0000-0000-4000-8000-000000000012", "121 HR GPT mail-sync-legacy secret never expires"),
        ("AISPM-2035", Sp + "5e0d0000-0000-4000-8000-000000000002", null, "122 IT Ops Agent owned by a user"),
        ("AISPM-2034", App + "a0000000-0000-4000-8000-000000000020", null, "126 agent blueprint with a client secret"),
        ("AISPM-2026", Sp + "5e0d0000-0000-4000-8000-000000000002", null, "126 Tier-0 IT Ops Agent whose blueprint holds a client secret"),
    ];

    private static List<RuleResult> Results() => RuleCatalog.BuiltIn.Evaluate(DemoTenantGraph.Snapshot())
        .Where(r => r.Rule.Id.StartsWith("AISPM-2", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Exactly_the_planted_issues_fail()
    {
        var failures = Results().Where(r => r.Outcome == RuleOutcome.Fail).Select(r => (r.Rule.Id, r.ResourceId, r.SubKey)).Order().ToList();
        var expected = Expected.Select(e => (e.Rule, e.Resource, e.SubKey)).Order().ToList();

        Assert.Equal(expected, failures);
    }

    [Fact]
    public void Every_directory_rule_decides_on_the_demo_tenant()
    {
        var results = Results();

        // The fixture has no /policies/defaultAppManagementPolicy document: that rule is a coverage gap, never a pass.
        Assert.Equal(RuleOutcome.Unknown, Assert.Single(results, r => r.Rule.Id == "AISPM-2029").Outcome);
        Assert.DoesNotContain(results, r => r.Outcome is RuleOutcome.Error || (r.Outcome == RuleOutcome.Unknown && r.Rule.Id != "AISPM-2029"));
        // Copilot Studio agents (AISPM-204x, 2050s) are read from Dataverse, not from Graph.
        Assert.All(RuleCatalog.BuiltIn.Rules.Where(r => r.Descriptor.Id.StartsWith("AISPM-2", StringComparison.Ordinal) && r is not AiSpm.Core.Rules.CopilotStudio.CopilotAgentRule),
            rule => Assert.True(rule.Descriptor.Id == "AISPM-2027" || results.Any(r => r.Rule.Id == rule.Descriptor.Id), $"{rule.Descriptor.Id} produced no result"));
    }

    [Theory]
    [InlineData("Microsoft Graph")]
    [InlineData("Zoom")]
    [InlineData("DocuSign")]
    [InlineData("Jira Cloud")]
    [InlineData("Miro")]
    [InlineData("Perplexity")]
    [InlineData("Otter.ai")]
    [InlineData("Fathom")]
    [InlineData("Grammarly")]
    [InlineData("tl;dv")]
    [InlineData("Copy.ai")]
    [InlineData("Gamma")]
    [InlineData("Contoso Intranet Search Indexer")]
    [InlineData("Contoso Marketing Site")]
    [InlineData("bot-contoso-helpdesk")]
    [InlineData("FAQ Agent")]
    [InlineData("uami-foundry-prod")]
    public void Clean_principals_and_their_apps_produce_no_finding(string displayName)
    {
        var directory = DemoTenantGraph.Load();
        var sp = directory.ServicePrincipals.Single(s => s.DisplayName == displayName);
        var ids = new List<string> { sp.ResourceId };
        if (directory.ApplicationOf(sp) is { } app)
        {
            ids.Add(app.ResourceId);
        }

        Assert.DoesNotContain(Results(), r => r.Outcome == RuleOutcome.Fail && ids.Contains(r.ResourceId));
    }

    [Fact]
    public void Clean_copilot_packages_produce_no_finding()
    {
        var failing = Results().Where(r => r.Outcome == RuleOutcome.Fail && r.ResourceId.Contains("/catalog/packages/", StringComparison.Ordinal)).ToList();

        Assert.Single(failing);
        Assert.Equal("SmartSummarizer Agent", failing[0].Evidence["package"]);
    }

    [Fact]
    public void Ai_app_inventory_lists_who_consented_scopes_and_user_counts()
    {
        var apps = DemoTenantGraph.Load().AiApps().ToDictionary(a => a.ServicePrincipal.DisplayName);

        Assert.Equal(
            ["AI Meeting Notes Pro", "ChatGPT", "Claude", "Copy.ai", "Fathom", "Fireflies.ai", "Gamma", "Glean", "Grammarly", "HR GPT assistant",
             "Helpdesk Copilot Agent Backend", "Notion", "Otter.ai", "Perplexity", "Read AI", "Sales Email Drafter (GPT-4o)", "tl;dv"],
            apps.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(3, apps["Otter.ai"].ConsentingUsers.Count);
        Assert.Equal(4, apps["Grammarly"].ConsentingUsers.Count);
        Assert.False(apps["Otter.ai"].AdminConsented);
        Assert.True(apps["ChatGPT"].AdminConsented);
        Assert.Equal(AiMatchConfidence.High, apps["ChatGPT"].Match.Confidence);
        Assert.Equal(AiMatchConfidence.Medium, apps["Read AI"].Match.Confidence);
        Assert.Equal(AiMatchConfidence.Low, apps["AI Meeting Notes Pro"].Match.Confidence);
        Assert.Equal(AiMatchConfidence.Low, apps["HR GPT assistant"].Match.Confidence);
        Assert.Equal(AppOrigin.ThisTenant, apps["HR GPT assistant"].Origin);
        Assert.Contains(apps["Claude"].Permissions, p => p is { Name: "Mail.Read", Kind: PermissionKind.Delegated, AllPrincipals: false, ConsentingUsers.Count: 2 });
    }

    [Fact]
    public void The_user_owner_of_the_tier0_app_is_critical_and_the_app_owned_by_a_managed_identity_passes()
    {
        var results = Results().Where(r => r.Rule.Id == "AISPM-2035").ToList();

        var failure = Assert.Single(results, r => r.Outcome == RuleOutcome.Fail && r.ResourceId == Sp + "5e0a0000-0000-4000-8000-000000000003");
        Assert.Equal(AiSpm.Core.Findings.Severity.Critical, failure.ToFinding().Severity);
        Assert.Contains("0e000000-0000-4000-8000-000000000014 (diego.siciliani@contoso.example, user) owns the application", failure.Evidence["userOwners"], StringComparison.Ordinal);
        Assert.Equal("Tier 0", failure.Evidence["tier"]);
        var helpdesk = Assert.Single(results, r => r.ResourceId == Sp + "5e0a0000-0000-4000-8000-000000000008");
        Assert.Equal(RuleOutcome.Pass, helpdesk.Outcome);
        Assert.Contains("uami-foundry-prod", helpdesk.Evidence["servicePrincipalOwners"], StringComparison.Ordinal);
        Assert.Equal(11, results.Count);
    }

    [Fact]
    public void Agent_identities_merge_the_v1_and_beta_objects()
    {
        var directory = DemoTenantGraph.Load();
        var agents = directory.ServicePrincipals.Where(s => s.IsAgentIdentity).ToList();

        Assert.Equal(3, agents.Count);
        Assert.All(agents, a => Assert.Equal("a1d0b000-0000-4000-8000-000000000001", a.AgentIdentityBlueprintId));
        Assert.Equal("8f2d4c6a-1b3e-4a5c-9d7f-0e1a2b3c4d5e", directory.TenantId);
        Assert.Single(directory.Applications, a => a.IsAgentBlueprint);
        Assert.Equal(new CopilotUsageSummary("2026-11-20", 30, 250, 131, 118), directory.CopilotUsage);
    }

    [Fact]
    public void A_malformed_grant_names_its_source_and_index()
    {
        using var document = JsonDocument.Parse("""{"value":[{"clientId":"c","resourceId":"r","consentType":"AllPrincipals","scope":"User.Read"},{"clientId":"c","consentType":"Principal"}]}""");

        var ex = Assert.Throws<InventoryFormatException>(() => new DirectoryInventoryBuilder().AddDelegatedGrants(document.RootElement, "grants.json"));

        Assert.Contains("grants.json $.value[1]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("resourceId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void App_roles_resolve_through_the_resource_and_fall_back_to_the_table()
    {
        using var document = JsonDocument.Parse("""
            {"servicePrincipals":[{"id":"c1","appId":"x","displayName":"Client","appOwnerOrganizationId":"t2"}],
             "appRoleAssignments":[{"id":"a1","principalId":"c1","resourceId":"not-collected","appRoleId":"9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8"}]}
            """);
        var directory = new DirectoryInventoryBuilder().WithTenantId("t1").AddCollections(document.RootElement, "inline").Build();

        var permission = Assert.Single(directory.PermissionsOf(directory.ServicePrincipal("c1")!));
        Assert.Equal("RoleManagement.ReadWrite.Directory", permission.Name);
        Assert.Equal(PermissionTier.Tier0, permission.Tier);
        Assert.Equal(AppOrigin.ThirdParty, directory.OriginOf(directory.ServicePrincipal("c1")!));
    }

    [Fact]
    public void Data_sets_carry_versions_and_sources()
    {
        Assert.Matches(@"^\d{4}\.\d{2}\.\d+$", PermissionTiers.Version);
        Assert.Matches(@"^\d{4}\.\d{2}\.\d+$", ShadowAiCatalogue.Version);
        Assert.False(string.IsNullOrWhiteSpace(PermissionTiers.Source));
        Assert.False(string.IsNullOrWhiteSpace(ShadowAiCatalogue.Source));
        Assert.All(PermissionTiers.All.Where(p => p.AppRoleId is not null), p => Assert.True(Guid.TryParse(p.AppRoleId, out _), p.Name));
        Assert.Equal(PermissionTiers.All.Count(p => p.AppRoleId is not null), PermissionTiers.All.Where(p => p.AppRoleId is not null).Select(p => p.AppRoleId).Distinct().Count());
    }
}
