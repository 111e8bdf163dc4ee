using AiSpm.Core.Findings;
using AiSpm.Core.Graph;
using AiSpm.Core.Rules;
using AiSpm.Core.Rules.Paths;

namespace AiSpm.Core.Tests.Rules.Paths;

/// <summary>What a path finding says and how it lives: every hop and member finding named, severity from the chain, a stable id, closed by any member.</summary>
public sealed class PathRuleTests
{
    private static List<RuleResult> Run(string ruleId, PostureSnapshot snapshot) => [.. RuleCatalog.BuiltIn.Find(ruleId)!.Evaluate(snapshot)];

    [Fact]
    public void A_path_names_every_hop_and_member_finding_and_keeps_its_id_across_runs()
    {
        var snapshot = RuleFixtures.Load("AISPM-4001", "fail");

        var path = Assert.Single(Run("AISPM-4001", snapshot), r => r.Outcome == RuleOutcome.Fail);
        var again = Assert.Single(Run("AISPM-4001", RuleFixtures.Load("AISPM-4001", "fail")), r => r.Outcome == RuleOutcome.Fail);

        Assert.EndsWith("/Microsoft.CognitiveServices/accounts/oai-keyed-public", path.ResourceId, StringComparison.Ordinal);
        Assert.EndsWith("/Microsoft.Web/sites/app-chat", path.Evidence["hop.1"], StringComparison.Ordinal);
        Assert.Equal(path.ResourceId, path.Evidence["hop.2"]);
        Assert.StartsWith("consumes-key-of: ", path.Evidence["hop.2.via"], StringComparison.Ordinal);
        Assert.Contains("AISPM-3001 ", path.Evidence["hop.1.findings"], StringComparison.Ordinal);
        Assert.Contains("AISPM-1001 ", path.Evidence["hop.2.findings"], StringComparison.Ordinal);
        Assert.Contains("AISPM-1002 ", path.Evidence["hop.2.findings"], StringComparison.Ordinal);
        Assert.Contains("app-chat [AISPM-3001] → oai-keyed-public [AISPM-1001, AISPM-1002]", path.Message, StringComparison.Ordinal);
        Assert.Equal(path.ToFinding().Key.Id, again.ToFinding().Key.Id);
        Assert.DoesNotContain(PlantedKeyCore, string.Join(" ", path.Evidence.Values) + path.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Severity_is_the_chains_highest_raised_one_level_when_it_reaches_tenant_data()
    {
        var path = Assert.Single(Run("AISPM-4004", RuleFixtures.Load("AISPM-4004", "fail")), r => r.Outcome == RuleOutcome.Fail);

        // AISPM-2002 and AISPM-2024 are High; app-only access to every mailbox raises the chain to Critical.
        Assert.Equal(Severity.Critical, path.ToFinding().Severity);
        Assert.Equal("true", path.Evidence["path.crossesToData"]);
    }

    [Fact]
    public void The_path_closes_when_any_member_finding_is_no_longer_open()
    {
        var snapshot = RuleFixtures.Load("AISPM-4001", "fail");
        var graph = snapshot.Graph!;
        var withoutExposure = new SecurityGraph(graph.Nodes, graph.Edges, OpenFindings(snapshot).Where(f => f.Key.RuleId != "AISPM-3001"));
        var withoutLocalAuth = new SecurityGraph(graph.Nodes, graph.Edges, OpenFindings(snapshot).Where(f => f.Key.RuleId != "AISPM-1002"));

        Assert.All(Run("AISPM-4001", snapshot with { Graph = withoutExposure }), r => Assert.Equal(RuleOutcome.Pass, r.Outcome));
        Assert.All(Run("AISPM-4001", snapshot with { Graph = withoutLocalAuth }), r => Assert.Equal(RuleOutcome.Pass, r.Outcome));
    }

    [Fact]
    public void An_edge_to_an_asset_that_was_not_collected_is_unknown_and_the_rest_of_the_graph_still_evaluates()
    {
        var snapshot = RuleFixtures.Load("AISPM-4001", "fail");
        var graph = snapshot.Graph!;
        var dangling = new GraphEdge(graph.Edges[0].From, EdgeRelations.ConsumesKeyOf, "/subscriptions/0a1b2c3d-0000-4000-8000-00000000f100/resourceGroups/rg-gone/providers/Microsoft.CognitiveServices/accounts/gone", "OTHER_KEY", "appSetting");
        var partial = new SecurityGraph(graph.Nodes, [.. graph.Edges, dangling], OpenFindings(snapshot));

        var results = Run("AISPM-4001", snapshot with { Graph = partial });

        Assert.Contains(results, r => r.Outcome == RuleOutcome.Unknown && r.ResourceId == dangling.To);
        Assert.Contains(results, r => r.Outcome == RuleOutcome.Fail);
    }

    [Fact]
    public void Each_path_rule_decides_the_same_from_its_member_rules_findings_alone_as_from_every_open_finding()
    {
        foreach (var rule in RuleCatalog.BuiltIn.Rules.OfType<PathRule>())
        {
            foreach (var kind in new[] { "pass", "fail" })
            {
                var snapshot = RuleFixtures.Load(rule.Descriptor.Id, kind);
                var graph = snapshot.Graph!;
                var members = new SecurityGraph(graph.Nodes, graph.Edges, OpenFindings(snapshot).Where(f => rule.MemberRules.Contains(f.Key.RuleId)));

                var all = rule.Evaluate(snapshot).Select(r => (r.Outcome, r.ResourceId, r.SubKey, r.Message)).ToList();
                var fromMembers = rule.Evaluate(snapshot with { Graph = members }).Select(r => (r.Outcome, r.ResourceId, r.SubKey, r.Message)).ToList();

                Assert.Equal(all, fromMembers);
                Assert.DoesNotContain(all, r => r.Outcome == RuleOutcome.Error);
            }
        }
    }

    [Fact]
    public void Member_rules_are_per_resource_rules_of_the_catalogue()
    {
        foreach (var rule in RuleCatalog.BuiltIn.Rules.OfType<PathRule>())
        {
            Assert.NotEmpty(rule.MemberRules);
            Assert.All(rule.MemberRules, id => Assert.True(RuleCatalog.BuiltIn.Find(id) is { } member && member is not PathRule, $"{rule.Descriptor.Id}: {id}"));
        }
    }

    [Fact]
    public void A_graph_read_through_member_rules_refuses_the_findings_of_any_other_rule()
    {
        var snapshot = RuleFixtures.Load("AISPM-4001", "fail");
        var graph = snapshot.Graph!.ReadingOnly(["AISPM-3001"]);
        var consumer = snapshot.Graph!.Edges.First(e => e.Relation == EdgeRelations.ConsumesKeyOf).From;

        Assert.NotEmpty(graph.Findings(consumer, "AISPM-3001"));
        var refused = Assert.Throws<InvalidOperationException>(() => graph.Findings(consumer, "AISPM-3001", "AISPM-1002").ToList());
        Assert.Contains("AISPM-1002", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Path_rules_declare_known_relations_and_the_close_reads_neither_granted_nor_connector_edges()
    {
        var known = typeof(EdgeRelations).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);
        var rules = RuleCatalog.BuiltIn.Rules.OfType<PathRule>().ToList();
        foreach (var rule in rules)
        {
            Assert.NotEmpty(rule.Relations);
            Assert.All(rule.Relations, relation => Assert.True(known.Contains(relation), $"{rule.Descriptor.Id}: {relation}"));
        }

        var read = PathRule.RelationsOf(rules);
        Assert.Contains(EdgeRelations.Alert, read);
        Assert.DoesNotContain(EdgeRelations.Granted, read);
        Assert.DoesNotContain(EdgeRelations.UsesConnector, read);
    }

    [Fact]
    public void A_graph_read_through_declared_relations_shows_only_their_edges_and_refuses_any_other()
    {
        var whole = RuleFixtures.Load("AISPM-4007", "fail").Graph!;
        var graph = whole.ReadingOnly([], [EdgeRelations.HasIdentity]);
        var workload = whole.Edges.First(e => e.Relation == EdgeRelations.HasIdentity).From;

        Assert.Contains(whole.Edges, e => e.Relation == EdgeRelations.RoleOn);
        Assert.NotEmpty(graph.Edges);
        Assert.All(graph.Edges, e => Assert.Equal(EdgeRelations.HasIdentity, e.Relation));
        Assert.NotEmpty(graph.Out(workload, EdgeRelations.HasIdentity));
        var refused = Assert.Throws<InvalidOperationException>(() => graph.Out(workload, EdgeRelations.RoleOn).ToList());
        Assert.Contains(EdgeRelations.RoleOn, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_graph_path_rules_yield_nothing_so_scan_shards_never_raise_them()
    {
        var snapshot = RuleFixtures.Load("AISPM-4001", "fail") with { Graph = null };

        Assert.All(RuleCatalog.BuiltIn.Rules.OfType<PathRule>(), rule => Assert.Empty(rule.Evaluate(snapshot)));
    }

    [Fact]
    public void Role_rows_read_as_Resource_Graph_returns_them_and_an_unknown_or_malformed_row_never_claims_a_path()
    {
        var principals = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "9f000000-0000-4000-8000-000000000001" };
        using var rows = System.Text.Json.JsonDocument.Parse("""
            [
              {"id":"/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/a1","type":"microsoft.authorization/roleassignments",
               "properties":{"principalId":"9f000000-0000-4000-8000-000000000001","roleDefinitionId":"/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c","scope":"/subscriptions/s"}},
              {"id":"/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/a2","type":"microsoft.authorization/roleassignments",
               "properties":{"principalId":"9f000000-0000-4000-8000-000000000001","roleDefinitionId":"/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-4000-8000-00000000c0de","scope":"/subscriptions/s"}},
              {"id":"/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/a3","properties":{"principalId":"9f000000-0000-4000-8000-000000000001","scope":"/subscriptions/s"}},
              {"id":"/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/a4","properties":{"principalId":"someone-else","roleDefinitionId":"x","scope":"/subscriptions/s"}},
              42
            ]
            """);

        var read = rows.RootElement.EnumerateArray().Select(row => (Edge: AiSpm.Core.Inventory.Access.RoleAssignmentEdges.Read(row, new AiSpm.Core.Inventory.Access.RoleAssignmentSelection(principals, new HashSet<string>()), out var malformed), Malformed: malformed)).ToList();

        Assert.Equal("Contributor", read[0].Edge!.Label);
        Assert.Equal("/subscriptions/s", read[0].Edge!.To);
        Assert.Equal("role 00000000-0000-4000-8000-00000000c0de", read[1].Edge!.Label);
        Assert.False(AiSpm.Core.Inventory.Access.AzureRoles.IsPrivileged(read[1].Edge!.Label));
        Assert.Equal((null, true), (read[2].Edge, read[2].Malformed));
        Assert.Equal((null, false), (read[3].Edge, read[3].Malformed));
        Assert.Equal((null, true), (read[4].Edge, read[4].Malformed));
    }

    [Fact]
    public void An_active_defender_ai_alert_on_a_hop_is_named_on_the_path_and_a_resolved_or_non_ai_alert_is_not()
    {
        var snapshot = RuleFixtures.Load("AISPM-4007", "fail");
        var graph = snapshot.Graph!;
        var workspace = graph.Nodes.Single(n => n.Type == "microsoft.machinelearningservices/workspaces").ResourceId;
        using var rows = System.Text.Json.JsonDocument.Parse($$$"""
            [
              {"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Security/locations/eastus/alerts/a1","type":"microsoft.security/locations/alerts",
               "properties":{"alertType":"AI.Azure_CredentialTheftAttempt","alertDisplayName":"Detected credential theft attempts","status":"Active","severity":"Medium","resourceIdentifiers":[{"azureResourceId":"{{{workspace}}}","type":"AzureResource"}]}},
              {"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Security/locations/eastus/alerts/a2","type":"microsoft.security/locations/alerts",
               "properties":{"alertType":"AI.Azure_Jailbreak.ContentFiltering.BlockedAttempt","status":"Resolved","resourceIdentifiers":[{"azureResourceId":"{{{workspace}}}","type":"AzureResource"}]}},
              {"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Security/locations/eastus/alerts/a3","type":"microsoft.security/locations/alerts",
               "properties":{"alertType":"VM_SuspiciousActivity","status":"Active","resourceIdentifiers":[{"azureResourceId":"{{{workspace}}}","type":"AzureResource"}]}},
              {"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Security/locations/eastus/alerts/a4","properties":{"status":"Active"}}
            ]
            """);
        var read = rows.RootElement.EnumerateArray().Select(row => (Edge: AiSpm.Core.Inventory.Threats.DefenderAlertEdges.Read(row, out var malformed), Malformed: malformed)).ToList();
        var withAlerts = new SecurityGraph(graph.Nodes, [.. graph.Edges, .. read.Select(r => r.Edge).OfType<GraphEdge>()], OpenFindings(snapshot));

        var path = Assert.Single(Run("AISPM-4007", snapshot with { Graph = withAlerts }), r => r.Outcome == RuleOutcome.Fail);

        Assert.Equal([false, false, false, true], read.Select(r => r.Malformed));
        Assert.Single(read, r => r.Edge is not null);
        Assert.Contains("Defender for Cloud has an active alert on this path: 'Detected credential theft attempts'", path.Message, StringComparison.Ordinal);
        Assert.Contains("/alerts/a1", path.Evidence["path.alerts"], StringComparison.Ordinal);
        Assert.Equal(Severity.Critical, path.ToFinding().Severity);
    }

    private const string PlantedKeyCore = "r8sTu0vWx2yZa4bCd6eJQQJ99XJ82";

    private static List<Finding> OpenFindings(PostureSnapshot snapshot) =>
        [.. RuleCatalog.BuiltIn.Evaluate(snapshot with { Graph = null }).Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.ToFinding())];
}
