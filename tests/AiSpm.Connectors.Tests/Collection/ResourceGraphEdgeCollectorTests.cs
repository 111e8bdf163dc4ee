using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Collection;
using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.Access;
using AiSpm.Emulator;
using AiSpm.Emulator.Faults;
using AiSpm.Emulator.Hosting;
using Azure.Core.Pipeline;

namespace AiSpm.Connectors.Tests.Collection;

/// <summary>
/// Role assignments and Defender for Cloud AI alerts read from Resource Graph as the emulator serves the documented
/// rows: only the identities asked for, only active AI alerts, one query each; a refused query is a coverage note.
/// </summary>
public sealed class ResourceGraphEdgeCollectorTests
{
    private static readonly string[] Subscriptions = ["6f1c0a00-0000-4000-8000-000000000001", "6f1c0a00-0000-4000-8000-000000000002", "6f1c0a00-0000-4000-8000-000000000003"];

    private static string DemoTenant()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "fixtures", "demo-tenant");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("fixtures/demo-tenant not found");
    }

    private static ArmConnection Connect(EmulatorServer emulator)
    {
        var options = new ArmPipelineOptions { Transport = new HttpClientTransport(emulator.CreateRoutingHandler()) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxRetries = 1;
        return new ArmConnection(emulator.Credential, emulator.ArmEndpoint, options: options);
    }

    [Fact]
    public async Task Reads_the_roles_of_the_identities_asked_for_and_the_active_ai_alerts_in_one_query_each()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = DemoTenant() });
        var arm = Connect(emulator);
        var collector = new ResourceGraphEdgeCollector(arm);

        var roles = await collector.RoleAssignmentsAsync(Subscriptions, new RoleAssignmentSelection(
            new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "9d000000-0000-4000-8000-000000000015", "9d000000-0000-4000-8000-000000000024" }, new HashSet<string>()));
        var alerts = await collector.AiAlertsAsync(Subscriptions);

        Assert.Equal(2, arm.Calls["resourcegraph"]);
        Assert.Equal(
            ["Contributor", "Storage Blob Data Contributor", "role 7d6e1f42-0000-4000-8000-00000000c001"],
            roles.Edges.Select(e => e.Label!).Order(StringComparer.Ordinal));
        Assert.All(roles.Edges, e => Assert.Equal(EdgeRelations.RoleOn, e.Relation));
        var alert = Assert.Single(alerts.Edges);
        Assert.EndsWith("/accounts/oai-contoso-prod-swc", alert.From, StringComparison.Ordinal);
        Assert.Contains("AI.Azure_CredentialTheftAttempt", alert.Evidence, StringComparison.Ordinal);
        Assert.Empty(roles.Errors);
        Assert.Empty(alerts.Errors);
    }

    [Fact]
    public async Task Reads_who_holds_a_role_on_an_ai_resource_as_a_user_or_a_service_principal_in_the_same_single_query()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = DemoTenant() });
        var arm = Connect(emulator);
        const string Account = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-ai-prod/providers/Microsoft.CognitiveServices/accounts/oai-contoso-prod-swc";

        var roles = await new ResourceGraphEdgeCollector(arm).RoleAssignmentsAsync(Subscriptions, new RoleAssignmentSelection(
            new HashSet<string>(), new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Account.ToUpperInvariant() }));

        Assert.Equal(1, arm.Calls["resourcegraph"]);
        Assert.Equal(
            [
                (GraphEdges.ServicePrincipalNode("9d000000-0000-4000-8000-000000000013"), "Cognitive Services OpenAI User"),
                (GraphEdges.UserNode("0e000000-0000-4000-8000-000000000014"), "Cognitive Services OpenAI Contributor"),
            ],
            roles.Edges.Select(e => (e.From, e.Label!)).Order());
        Assert.All(roles.Edges, e => Assert.Equal(Account, e.To));
    }

    [Fact]
    public async Task A_refused_query_is_a_coverage_note_and_no_edges_not_an_error()
    {
        var options = new EmulatorOptions { FixtureFolder = DemoTenant() };
        options.Faults.Add(new FaultRule { Service = EmulatorService.ResourceGraph, Kind = FaultKind.Forbidden });
        await using var emulator = await EmulatorServer.StartAsync(options);
        var collector = new ResourceGraphEdgeCollector(Connect(emulator));

        var alerts = await collector.AiAlertsAsync(Subscriptions);
        var roles = await collector.RoleAssignmentsAsync(Subscriptions, new RoleAssignmentSelection(new HashSet<string> { "9d000000-0000-4000-8000-000000000015" }, new HashSet<string>()));

        Assert.Empty(alerts.Edges);
        Assert.Equal(("resourcegraph:securityresources", 403), Assert.Single(alerts.Errors) is var a ? (a.Operation, a.Status) : default);
        Assert.Equal(("resourcegraph:authorizationresources", 403), Assert.Single(roles.Errors) is var r ? (r.Operation, r.Status) : default);
    }
}
