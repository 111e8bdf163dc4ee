using System.Text.Json;
using AiSpm.Core.Assets;
using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.Access;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Inventory.Credentials;
using AiSpm.Core.Rules;
using AiSpm.Core.Secrets;

namespace AiSpm.Core.Tests.Graph;

/// <summary>
/// Who calls which AI: a setting naming an endpoint becomes a <c>calls-endpoint</c> edge to the account or Search
/// service that answers on it (not when the same app holds that account's key: <c>consumes-key-of</c> says more), an
/// endpoint no collected resource answers to ends at its host; and who holds a role on an AI resource.
/// </summary>
public sealed class GraphEdgesTests
{
    private const string Sub = "/subscriptions/0a1b2c3d-0000-4000-8000-00000000e100/resourceGroups/rg";
    private const string Account = Sub + "/providers/Microsoft.CognitiveServices/accounts/oai-shared";
    private const string Search = Sub + "/providers/Microsoft.Search/searchServices/oai-shared";
    private const string KeyHolder = Sub + "/providers/Microsoft.Web/sites/app-keyed";
    private const string IdentityCaller = Sub + "/providers/Microsoft.Web/sites/app-entra";
    private const string Key1 = "7kWnUkAcrr4Xxe1boOPEN25rMbJo1p9JDTnR5PoKmHisocXHZgSdJQQJ99XJ82PWLkqFjnvcAAALACOGNdl6";

    private static PostureSnapshot Snapshot()
    {
        using var azure = JsonDocument.Parse($$$"""
            {"value":[
              {"id":"{{{Account}}}","name":"oai-shared","type":"Microsoft.CognitiveServices/accounts","kind":"OpenAI","location":"swedencentral",
               "properties":{"customSubDomainName":"contoso-chat","endpoint":"https://contoso-chat.openai.azure.com/"}},
              {"id":"{{{Search}}}","name":"oai-shared","type":"Microsoft.Search/searchServices","location":"swedencentral","properties":{}}
            ]}
            """);
        using var keys = JsonDocument.Parse($$$"""{"key1":"{{{Key1}}}","key2":"Qm3pTr8sVx2bWn5cYd7fZg9hKj4lMn6pQr8sTu0vWx2yZa4bCd6eJQQJ99XJ82PWLkqFjnvcAAALACOGXk3z"}""");
        using var keyed = JsonDocument.Parse($$$"""{"properties":{"OPENAI_ENDPOINT":"https://contoso-chat.openai.azure.com/","OPENAI_KEY":"{{{Key1}}}"}}""");
        using var entra = JsonDocument.Parse("""
            {"properties":{"AZURE_OPENAI_ENDPOINT":"https://contoso-chat.openai.azure.com/","CHAT_BACKUP":"https://contoso-chat.cognitiveservices.azure.com",
             "SEARCH_ENDPOINT":"https://oai-shared.search.windows.net","PARTNER_OPENAI":"https://fabrikam-gpt.openai.azure.com/","GREETING":"hello"}}
            """);
        using var fingerprinter = new SecretFingerprinter(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var credentials = new CredentialInventoryBuilder(fingerprinter)
            .AddAccountKeys(Account, keys.RootElement)
            .AddAppSettings(KeyHolder, keyed.RootElement)
            .AddAppSettings(IdentityCaller, entra.RootElement)
            .Build();
        return new PostureSnapshot { Azure = new AiInventoryBuilder().AddDocument(azure.RootElement, "test").Build(), Credentials = credentials, EvaluatedAt = DateTimeOffset.UnixEpoch };
    }

    [Fact]
    public void A_setting_naming_an_endpoint_is_a_calls_endpoint_edge_to_the_resource_that_answers_on_it_within_its_family()
    {
        var calls = GraphEdges.Of(Snapshot()).Where(e => e.Relation == EdgeRelations.CallsEndpoint).ToList();

        Assert.Equal(
            [
                (IdentityCaller, Account, "contoso-chat.cognitiveservices.azure.com"),
                (IdentityCaller, Account, "contoso-chat.openai.azure.com"),
                (IdentityCaller, GraphEdges.EndpointNode("fabrikam-gpt.openai.azure.com"), "fabrikam-gpt.openai.azure.com"),
                (IdentityCaller, Search, "oai-shared.search.windows.net"),
            ],
            calls.Select(e => (e.From, e.To, e.Label!)).OrderBy(e => e.Item3, StringComparer.Ordinal));
        Assert.Contains("appSetting 'AZURE_OPENAI_ENDPOINT' names https://contoso-chat.openai.azure.com", calls.Select(e => e.Evidence));
    }

    [Fact]
    public void An_app_holding_the_accounts_key_consumes_it_and_is_not_also_said_to_call_it()
    {
        var edges = GraphEdges.Of(Snapshot()).Where(e => e.From == KeyHolder).ToList();

        var edge = Assert.Single(edges);
        Assert.Equal((EdgeRelations.ConsumesKeyOf, Account), (edge.Relation, edge.To));
    }

    [Fact]
    public void Apps_that_only_name_an_endpoint_join_the_inventory_as_consumers_with_the_hosts_they_call()
    {
        var consumers = InventoryAssets.Of(Snapshot().Credentials).ToDictionary(a => a.ResourceId);

        Assert.Equal([IdentityCaller, KeyHolder], consumers.Keys.Order(StringComparer.Ordinal));
        using var facts = JsonDocument.Parse(consumers[IdentityCaller].PropertiesJson!);
        Assert.Equal(0, facts.RootElement.GetProperty("settings").GetArrayLength());
        Assert.Equal(4, facts.RootElement.GetProperty("endpoints").GetArrayLength());
        Assert.DoesNotContain("hello", consumers[IdentityCaller].PropertiesJson!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deployments_outputs_name_endpoints_without_calling_them()
    {
        using var deployment = JsonDocument.Parse("{\"id\":\"" + Sub + "/providers/Microsoft.Resources/deployments/infra\",\"properties\":{\"outputs\":"
            + "{\"endpoint\":{\"type\":\"String\",\"value\":\"https://contoso-chat.openai.azure.com/\"}}}}");
        using var fingerprinter = new SecretFingerprinter(new byte[32]);

        var credentials = new CredentialInventoryBuilder(fingerprinter).AddDeployment(deployment.RootElement).Build();

        Assert.Empty(credentials.Endpoints);
    }

    [Fact]
    public void An_endpoint_two_resources_of_one_family_answer_to_names_neither()
    {
        var directory = new AiEndpointDirectory();
        directory.Add(Account, ["shared"]);
        directory.Add(Account.Replace("oai-shared", "oai-other", StringComparison.Ordinal), ["shared"]);
        directory.Add(Search, ["shared"]);

        Assert.Null(directory.Resolve("shared.openai.azure.com"));
        Assert.Equal(Search, directory.Resolve("SHARED.search.windows.net."));
        Assert.Null(directory.Resolve(""));
    }

    [Fact]
    public void Role_assignments_are_kept_for_the_ai_identities_and_for_scopes_on_or_under_an_ai_resource()
    {
        var selection = new RoleAssignmentSelection(
            new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "mi-1" },
            new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Account });

        Assert.True(selection.Keeps("mi-1", "/subscriptions/x"));
        Assert.True(selection.Keeps("someone", Account.ToUpperInvariant()));
        Assert.True(selection.Keeps("someone", Account + "/deployments/gpt-4o"));
        Assert.False(selection.Keeps("someone", Sub));
        Assert.False(selection.Keeps("someone", Sub + "/providers/Microsoft.CognitiveServices/accounts/oai-shared2"));
        Assert.True(RoleAssignmentSelection.None.IsEmpty);

        // As edges (what a scan stores, then selects for the graph): the assignee's object id is the node id's last segment.
        Assert.True(selection.Keeps(new GraphEdge(GraphEdges.ServicePrincipalNode("mi-1"), EdgeRelations.RoleOn, Sub, "Contributor", "a1")));
        Assert.True(selection.Keeps(new GraphEdge(GraphEdges.UserNode("someone"), EdgeRelations.RoleOn, Account, "Owner", "a2")));
        Assert.False(selection.Keeps(new GraphEdge(GraphEdges.ServicePrincipalNode("automation"), EdgeRelations.RoleOn, Sub, "Contributor", "a3")));
        Assert.True(selection.Keeps(new GraphEdge(Account, EdgeRelations.Alert, "defender:alert/1", "High", "a4")));
        Assert.True(RoleAssignmentSelection.Everything.Keeps("automation", Sub));
        Assert.False(RoleAssignmentSelection.Everything.IsEmpty);
    }

    [Fact]
    public void Service_principals_holding_a_role_on_an_ai_resource_join_the_inventory_as_identities_users_stay_edges()
    {
        GraphEdge[] edges =
        [
            new(Account, EdgeRelations.HasIdentity, GraphEdges.ServicePrincipalNode("mi-1"), null, "identity"),
            new(GraphEdges.ServicePrincipalNode("mi-1"), EdgeRelations.RoleOn, "/subscriptions/x", "Contributor", "a1"),
            new(GraphEdges.ServicePrincipalNode("app-1"), EdgeRelations.RoleOn, Account, "Cognitive Services OpenAI User", "a2"),
            new(GraphEdges.ServicePrincipalNode("app-2"), EdgeRelations.RoleOn, Sub, "Reader", "a3"),
            new(GraphEdges.UserNode("u-1"), EdgeRelations.RoleOn, Account, "Cognitive Services OpenAI Contributor", "a4"),
        ];

        var identities = InventoryAssets.Identities(edges, scope => ArmId.TopLevelOf(scope) == Account).ToDictionary(a => a.ResourceId);

        Assert.Equal([GraphEdges.ServicePrincipalNode("app-1"), GraphEdges.ServicePrincipalNode("mi-1")], identities.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("graph/servicePrincipal", "service principal app-1"), (identities[GraphEdges.ServicePrincipalNode("app-1")].Type, identities[GraphEdges.ServicePrincipalNode("app-1")].Name));
        Assert.Equal("graph/managedIdentity", identities[GraphEdges.ServicePrincipalNode("mi-1")].Type);
        Assert.Contains("Cognitive Services OpenAI User", identities[GraphEdges.ServicePrincipalNode("app-1")].PropertiesJson!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_copilot_studio_agent_has_edges_to_its_connectors_endpoints_knowledge_and_owner()
    {
        var snapshot = AiSpm.Core.Tests.Rules.RuleFixtures.Load("AISPM-2047", "fail");
        var agent = Assert.Single(snapshot.CopilotStudio.Agents);

        var edges = GraphEdges.Of(snapshot).Where(e => e.From == agent.ResourceId).ToList();

        Assert.Contains(edges, e => e.Relation == EdgeRelations.UsesConnector && e.To == $"powerplatform:/environments/{agent.EnvironmentId}/connectors/shared_contosotickets-5f2a9c"
            && e.Label == "Contoso ticketing MCP" && e.Evidence.Contains("MCP server tool", StringComparison.Ordinal) && e.Evidence.Contains("the user's credentials", StringComparison.Ordinal));
        Assert.Contains(edges, e => e.Relation == EdgeRelations.CallsEndpoint && e.To == "https://mcp.tickets-contoso.example" && e.Label == "mcp.tickets-contoso.example");
        Assert.Contains(edges, e => e.Relation == EdgeRelations.OwnedBy && e.To == GraphEdges.UserNode("0e000000-0000-4000-8000-000000000031") && e.Label == "Adele Vance");
        // The agent has one tool: one connector edge.
        Assert.Single(edges, e => e.Relation == EdgeRelations.UsesConnector);
    }

    [Fact]
    public void Knowledge_sources_and_literal_http_hosts_of_an_agent_are_edges_and_a_computed_url_is_not()
    {
        var snapshot = AiSpm.Core.Tests.Rules.RuleFixtures.Load("AISPM-2051", "fail");
        var edges = GraphEdges.Of(snapshot).ToList();
        var sources = snapshot.CopilotStudio.Agents.SelectMany(a => a.KnowledgeSources.Select(k => (a.ResourceId, k))).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.Contains(edges, e => e.From == s.ResourceId && e.Relation == EdgeRelations.GroundedOn && e.Label == s.k.Kind
            && e.To == (s.k.Site is { } site ? site.TrimEnd('/') : "knowledge:" + s.k.Kind)));
        Assert.DoesNotContain(edges, e => e.Relation == EdgeRelations.CallsEndpoint && e.To.Contains('=', StringComparison.Ordinal));
    }
}
