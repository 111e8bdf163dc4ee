using System.Text.Json;
using AiSpm.Core.Inventory.CopilotStudio;
using AiSpm.Core.Policy;
using AiSpm.Core.Rules;
using AiSpm.Core.Rules.CopilotStudio;

namespace AiSpm.Core.Tests.Rules;

/// <summary>
/// The Copilot Studio inventory read from Dataverse shapes (bots, botcomponents with their YAML, systemusers) and
/// the edges of the agent rules: defaults the authoring schema gives, what is not read, what must never be kept.
/// </summary>
public sealed class CopilotStudioRuleTests
{
    private const string Env = "a3f0c2d1-6b7e-4c8d-9e0f-1a2b3c4d5e6f";

    [Fact]
    public void The_fixtures_read_into_agents_with_tools_requests_knowledge_and_owners()
    {
        var inventory = Load("AISPM-2043", "fail");

        var environment = Assert.Single(inventory.Environments);
        Assert.Equal(("Contoso HR", "Production", "https://contoso-hr.crm4.dynamics.com/"), (environment.DisplayName, environment.Sku, environment.DataverseUrl?.AbsoluteUri));
        var agent = Assert.Single(inventory.Agents);
        Assert.True(agent.ComponentsRead);
        Assert.True(agent.HasDefinition);
        Assert.StartsWith("You answer questions about Contoso HR", agent.Instructions, StringComparison.Ordinal);
        // No connectionProperties: the authoring schema's default, Maker. An MCP server is told apart by its metadata.
        var update = Assert.Single(agent.Tools, t => t.Component == "Update employee record");
        Assert.True(update.UsesMakerCredentials);
        Assert.False(update.IsMcpServer);
        Assert.Equal("UpdateRecord", update.OperationId);
        var mcp = Assert.Single(agent.Tools, t => t.IsMcpServer);
        Assert.Equal("InvokeServer", mcp.OperationId);
        Assert.Equal(("Adele Vance", true, false), (agent.Owner!.Name, agent.Owner.Exists, agent.Owner.Disabled));
        Assert.Equal($"powerplatform:/environments/{Env}/bots/{agent.Id}", agent.ResourceId);
    }

    [Fact]
    public void A_credential_in_a_topic_is_kept_as_fingerprint_and_hint_never_as_text()
    {
        var file = RuleFixtures.Path("AISPM-2046", "fail");
        var inventory = Load("AISPM-2046", "fail");
        var planted = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(file), "sk-proj-[A-Za-z0-9_-]+").Value;

        var secret = Assert.Single(Assert.Single(inventory.Agents).Secrets);
        Assert.Equal(("Summarise with OpenAI", "openai-project-key"), (secret.Component, secret.DetectorId));
        var kept = JsonSerializer.Serialize(inventory);
        for (var i = 0; i + 9 <= planted.Length; i += 9)
        {
            Assert.DoesNotContain(planted.Substring(i, 9), kept, StringComparison.Ordinal);
        }

        var finding = RuleCatalog.BuiltIn.Find("AISPM-2046")!.Evaluate(new PostureSnapshot { CopilotStudio = inventory, EvaluatedAt = RuleFixtures.EvaluatedAt }).Single().ToFinding();
        Assert.Equal(secret.Fingerprint, finding.SecretFingerprint);
        Assert.Equal(secret.Hint, finding.SecretHint);
    }

    [Fact]
    public void A_bot_row_with_only_its_id_leaves_every_agent_rule_unknown_or_not_applicable()
    {
        var inventory = new CopilotStudioInventoryBuilder(_ => null)
            .AddAgents(Env, Json("""{"value":[{"botid":"b0700000-0000-4000-8000-00000000000f"}]}"""), null, null, "test").Build();

        var results = RuleCatalog.BuiltIn.Evaluate(new PostureSnapshot { CopilotStudio = inventory, EvaluatedAt = RuleFixtures.EvaluatedAt })
            .Where(r => r.Rule.Category == RuleCategory.Copilot && r.ResourceId.StartsWith("powerplatform:", StringComparison.Ordinal)).ToList();

        Assert.Equal(RuleCatalog.BuiltIn.Rules.Count(r => r is CopilotAgentRule), results.Count);
        Assert.All(results, r => Assert.True(r.Outcome is RuleOutcome.Unknown or RuleOutcome.NotApplicable, $"{r.Rule.Id} said {r.Outcome}: {r.Message}"));
    }

    [Fact]
    public void Rows_and_components_the_builder_cannot_place_are_skipped_with_a_note()
    {
        var inventory = new CopilotStudioInventoryBuilder(_ => null)
            .AddEnvironments(Json("""{"value":[{"properties":{"displayName":"no name"}},{"name":"e1"}]}"""), "environments")
            .AddAgents("e1", Json("""{"value":[{"name":"no id"},{"botid":"b1","name":"Agent"}]}"""),
                Json("""{"value":[{"botcomponentid":"c1","name":"Broken","_parentbotid_value":"b1","data":"kind: [unclosed"}]}"""), Json("""{"value":[]}"""), "dataverse")
            .Build();

        Assert.Equal("e1", Assert.Single(inventory.Environments).DisplayName);
        var agent = Assert.Single(inventory.Agents);
        Assert.True(agent.ComponentsRead);
        Assert.Null(agent.Owner);
        Assert.Contains(inventory.NotCollected, n => n.Contains("without a name", StringComparison.Ordinal));
        Assert.Contains(inventory.NotCollected, n => n.Contains("without a botid", StringComparison.Ordinal));
        Assert.Contains(inventory.NotCollected, n => n.Contains("'Broken'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_team_owned_agent_is_not_orphaned_and_a_deleted_owner_is()
    {
        var inventory = new CopilotStudioInventoryBuilder(_ => null).AddAgents(Env, Json("""
            {"value":[
              {"botid":"b1","name":"Team agent","_ownerid_value":"t1","_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname":"team"},
              {"botid":"b2","name":"Left agent","_ownerid_value":"u9","_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname":"systemuser"}]}
            """), null, Json("""{"value":[{"systemuserid":"u1","isdisabled":false}]}"""), "test").Build();

        var results = RuleCatalog.BuiltIn.Find("AISPM-2050")!.Evaluate(new PostureSnapshot { CopilotStudio = inventory, EvaluatedAt = RuleFixtures.EvaluatedAt }).ToList();

        Assert.Equal(RuleOutcome.NotApplicable, results.Single(r => r.ResourceId.EndsWith("/b1", StringComparison.Ordinal)).Outcome);
        Assert.Equal(RuleOutcome.Fail, results.Single(r => r.ResourceId.EndsWith("/b2", StringComparison.Ordinal)).Outcome);
    }

    [Fact]
    public void The_dormancy_window_is_a_policy_setting()
    {
        var snapshot = RuleFixtures.Load("AISPM-2049", "pass");
        var tight = RuleCatalog.BuiltIn.WithPolicy(ScanPolicy.Default with { Settings = new RuleSettings { AgentDormantDays = 7 } });

        Assert.DoesNotContain(RuleCatalog.BuiltIn.Find("AISPM-2049")!.Evaluate(snapshot), r => r.Outcome == RuleOutcome.Fail);
        Assert.Contains(tight.Evaluate(snapshot), r => r.Rule.Id == "AISPM-2049" && r.Outcome == RuleOutcome.Fail);
    }

    [Fact]
    public void A_computed_http_url_is_unknown_and_a_multi_tenant_agent_is_high()
    {
        var inventory = new CopilotStudioInventoryBuilder(AiSpm.Connectors.CopilotStudio.AgentComponentYaml.ToJson).AddAgents(Env,
            Json("""{"value":[{"botid":"b1","name":"Vendor agent","accesscontrolpolicy":3}]}"""),
            Json("""{"value":[{"name":"Lookup","_parentbotid_value":"b1","componenttype":9,"data":"kind: AdaptiveDialog\nbeginDialog:\n  kind: OnRecognizedIntent\n  id: main\n  actions:\n    - kind: HttpRequestAction\n      id: h1\n      url: =Concatenate(\"https://\", Topic.Host, \"/api\")\n"}]}"""),
            null, "test").Build();
        var snapshot = new PostureSnapshot { CopilotStudio = inventory, EvaluatedAt = RuleFixtures.EvaluatedAt };

        Assert.Equal(RuleOutcome.Unknown, RuleCatalog.BuiltIn.Find("AISPM-2044")!.Evaluate(snapshot).Single().Outcome);
        Assert.Equal(AiSpm.Core.Findings.Severity.High, RuleCatalog.BuiltIn.Find("AISPM-2040")!.Evaluate(snapshot).Single().ToFinding().Severity);
    }

    [Fact]
    public void An_mcp_server_is_allowed_by_its_domain_or_a_parent_domain_and_nothing_looser()
    {
        var snapshot = RuleFixtures.Load("AISPM-2047", "fail");
        var tool = Assert.Single(Assert.Single(snapshot.CopilotStudio.Agents).Tools, t => t.IsMcpServer);
        RuleOutcome With(params string[] domains) => RuleCatalog.BuiltIn.WithPolicy(ScanPolicy.Default with { Settings = new RuleSettings { McpAllowedDomains = domains } })
            .Evaluate(snapshot).Single(r => r.Rule.Id == "AISPM-2047").Outcome;

        Assert.Equal(("https://mcp.tickets-contoso.example/mcp", true), (tool.Endpoint!.AbsoluteUri, tool.IsCustomConnector));
        Assert.Equal(RuleOutcome.Fail, With());
        Assert.Equal(RuleOutcome.Pass, With("mcp.tickets-contoso.example"));
        Assert.Equal(RuleOutcome.Pass, With("tickets-contoso.example"));
        Assert.Equal(RuleOutcome.Fail, With("contoso.example")); // "-contoso.example" is not under it
        Assert.Equal(RuleOutcome.Fail, With("example.mcp.tickets-contoso.example"));
    }

    [Fact]
    public void Mcp_servers_whose_connectors_were_not_read_are_unknown()
    {
        var fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(RuleFixtures.RepositoryRoot(), "tests", "AiSpm.Core.Tests", "Rules", "Fixtures", "AISPM-2047", "fail.json"))).RootElement;
        var tables = fixture.GetProperty("copilotStudio").GetProperty("dataverse").GetProperty(Env);
        CopilotStudioInventory Read(bool references, bool connectors) => new CopilotStudioInventoryBuilder(AiSpm.Connectors.CopilotStudio.AgentComponentYaml.ToJson)
            .AddAgents(Env, tables.GetProperty("bots"), tables.GetProperty("botcomponents"), null, "test",
                references ? tables.GetProperty("connectionreferences") : null, connectors ? tables.GetProperty("connectors") : null).Build();
        RuleResult Evaluate(CopilotStudioInventory inventory) =>
            RuleCatalog.BuiltIn.Find("AISPM-2047")!.Evaluate(new PostureSnapshot { CopilotStudio = inventory, EvaluatedAt = RuleFixtures.EvaluatedAt }).Single();

        Assert.Equal(RuleOutcome.Unknown, Evaluate(Read(references: false, connectors: false)).Outcome);
        Assert.Equal(RuleOutcome.Unknown, Evaluate(Read(references: true, connectors: false)).Outcome);
        Assert.Equal(RuleOutcome.Fail, Evaluate(Read(references: true, connectors: true)).Outcome);
    }

    private static CopilotStudioInventory Load(string ruleId, string fixture) => RuleFixtures.Load(ruleId, fixture).CopilotStudio;

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;
}
