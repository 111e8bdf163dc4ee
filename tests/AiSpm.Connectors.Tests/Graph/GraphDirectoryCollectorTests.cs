using System.Globalization;
using System.Text.Json.Nodes;
using AiSpm.Connectors.Graph;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Rules;
using AiSpm.Emulator;
using AiSpm.Emulator.Faults;
using AiSpm.Emulator.Hosting;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;

namespace AiSpm.Connectors.Tests.Graph;

public sealed class GraphDirectoryCollectorTests
{
    private const string MicrosoftGraphSp = "5e000000-0000-4000-8000-000000000001";
    private const string ExchangeSp = "5e000000-0000-4000-8000-000000000002";
    private const string SharePointSp = "5e000000-0000-4000-8000-000000000003";

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

    /// <summary>A copy of the demo tenant in a new temporary folder, for a test to change.</summary>
    private static DirectoryInfo CopyOfDemoTenant(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix);
        foreach (var file in Directory.EnumerateFiles(DemoTenant(), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder.FullName, Path.GetRelativePath(DemoTenant(), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return folder;
    }

    private static GraphServiceClient Client(EmulatorServer emulator, Azure.Core.TokenCredential? credential = null)
    {
        var http = GraphClientFactory.Create(finalHandler: emulator.CreateHandler());
        var authentication = new AzureIdentityAuthenticationProvider(credential ?? emulator.Credential, allowedHosts: ["127.0.0.1"], scopes: ["https://graph.microsoft.com/.default"]);
        return new GraphServiceClient(http, authentication, emulator.GraphV1Endpoint.AbsoluteUri);
    }

    private static long GraphRequests(EmulatorServer emulator) =>
        emulator.Stats.Routes.Where(r => r.Key.StartsWith("Graph ", StringComparison.Ordinal) && !r.Key.Contains("$batch", StringComparison.Ordinal)).Sum(r => r.Value)
        + emulator.Stats.Routes.Where(r => r.Key.StartsWith("Graph POST", StringComparison.Ordinal) && r.Key.Contains("$batch", StringComparison.Ordinal)).Sum(r => r.Value);

    [Fact]
    public async Task Collects_the_demo_tenant_and_the_rules_find_the_planted_issues()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = DemoTenant() });
        var collector = new GraphDirectoryCollector(Client(emulator));

        // The app is refused the Copilot admin parts (delegated only); an administrator's import supplies them.
        var appOnly = (await collector.CollectAsync()).Inventory.NotCollected;
        var import = await new CopilotAdminReader(Client(emulator, EmulatorCredential.ForUser("admin@contoso.example"))).ReadAsync();
        var collection = await collector.CollectAsync(import);

        Assert.Equal(["appManagementPolicy", "copilotLimitedMode: 403", "copilotPackages: 403"], appOnly.Select(n => n.StartsWith("appManagementPolicy", StringComparison.Ordinal) ? "appManagementPolicy" : n[..n.IndexOf(" Forbidden", StringComparison.Ordinal)]));
        Assert.Empty(import.NotRead);
        Assert.Equal("admin@contoso.example", import.ImportedBy);
        Assert.Empty(collection.Errors);
        var directory = collection.Inventory;
        Assert.Equal(["appManagementPolicy: 404 Not Found: API not available in this tenant or cloud"], directory.NotCollected); // not in the fixture
        Assert.Same(import, directory.ImportOf(CopilotAdminImport.PackagesPart));
        Assert.Equal(65, directory.ServicePrincipals.Count);
        Assert.Equal(9, directory.Applications.Count);
        Assert.Equal(28, directory.DelegatedGrants.Count);
        Assert.Equal(19, directory.AppRoleGrants.Count);
        Assert.Equal(7, directory.CopilotPackages!.Count);
        Assert.NotNull(directory.AuthorizationPolicy);
        Assert.NotNull(directory.AdminConsentRequestPolicy);
        Assert.NotNull(directory.CopilotLimitedMode);
        Assert.Equal(new CopilotUsageSummaryExpectation(250, 131, 118), new CopilotUsageSummaryExpectation(directory.CopilotUsage!.EnabledUsers, directory.CopilotUsage.ActiveUsers, directory.CopilotUsage.ChatActiveUsers));
        Assert.Equal(3, directory.ServicePrincipals.Count(s => s.IsAgentIdentity && s.AgentIdentityBlueprintId is not null));
        Assert.Equal("8f2d4c6a-1b3e-4a5c-9d7f-0e1a2b3c4d5e", directory.TenantId);

        var failures = RuleCatalog.BuiltIn.Evaluate(new PostureSnapshot { Directory = directory, EvaluatedAt = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero) })
            .Where(r => r.Outcome == RuleOutcome.Fail)
            .GroupBy(r => r.Rule.Id)
            .ToDictionary(g => g.Key, g => g.Count());
        var expected = new Dictionary<string, int>
        {
            ["AISPM-2001"] = 3, ["AISPM-2002"] = 3, ["AISPM-2003"] = 2, ["AISPM-2005"] = 3, ["AISPM-2006"] = 3, ["AISPM-2010"] = 1, ["AISPM-2011"] = 1,
            ["AISPM-2012"] = 1, ["AISPM-2021"] = 1, ["AISPM-2022"] = 2, ["AISPM-2023"] = 1, ["AISPM-2024"] = 2, ["AISPM-2026"] = 3, ["AISPM-2030"] = 1,
            ["AISPM-2031"] = 1, ["AISPM-2032"] = 1, ["AISPM-2033"] = 1, ["AISPM-2034"] = 1, ["AISPM-2035"] = 2,
        };
        Assert.Equal(expected.OrderBy(e => e.Key), failures.OrderBy(e => e.Key));
    }

    [Fact]
    public async Task An_optional_part_whose_answer_is_cut_short_is_a_coverage_note_and_the_rest_is_collected()
    {
        var options = new EmulatorOptions { FixtureFolder = DemoTenant() };
        options.Faults.Add(new FaultRule { Service = EmulatorService.Graph, PathContains = "microsoft.graph.agentIdentityBlueprintPrincipal", Kind = FaultKind.TruncatedBody });
        options.Faults.Add(new FaultRule { Service = EmulatorService.Graph, PathContains = "/policies/adminConsentRequestPolicy", Kind = FaultKind.TruncatedBody });
        options.Faults.Add(new FaultRule { Service = EmulatorService.Graph, PathContains = "/oauth2PermissionGrants", Kind = FaultKind.TruncatedBody });
        await using var emulator = await EmulatorServer.StartAsync(options);

        var collection = await new GraphDirectoryCollector(Client(emulator)).CollectAsync();

        Assert.Contains(collection.Inventory.NotCollected, n => n.StartsWith("oauth2PermissionGrants: ", StringComparison.Ordinal));
        Assert.Empty(collection.Inventory.DelegatedGrants);
        Assert.Contains(collection.Inventory.NotCollected, n => n.StartsWith("agentIdentityBlueprintPrincipals: ", StringComparison.Ordinal));
        Assert.Contains(collection.Inventory.NotCollected, n => n.StartsWith("adminConsentRequestPolicy: ", StringComparison.Ordinal));
        Assert.Null(collection.Inventory.AdminConsentRequestPolicy);
        Assert.Equal(65, collection.Inventory.ServicePrincipals.Count);
        Assert.NotNull(collection.Inventory.AuthorizationPolicy);
    }

    [Fact]
    public async Task Calls_stay_within_pages_plus_resource_principals_and_app_roles_are_read_per_resource_in_one_batch()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = DemoTenant(), GraphDefaultPageSize = 10 });
        var collector = new GraphDirectoryCollector(Client(emulator));

        var collection = await collector.CollectAsync();

        Assert.Empty(collection.Errors);
        Assert.Equal(3, collection.ResourcePrincipals);
        Assert.Equal(16, collection.OwnerObjects); // 11 service principals holding Tier-0/Tier-1 permissions and 5 app registrations behind them
        Assert.Equal(GraphRequests(emulator), collection.Calls);
        Assert.True(collection.Calls <= collection.Pages + collection.ResourcePrincipals + (collection.OwnerObjects + 19) / 20,
            $"{collection.Calls} calls for {collection.Pages} pages, {collection.ResourcePrincipals} resources and {collection.OwnerObjects} owner reads");
        Assert.Equal(2, emulator.Stats.CountOf("Graph POST /v1.0/$batch")); // appRoleAssignedTo of 3 resources, owners of 16 objects
        Assert.Equal(0, emulator.Stats.CountOf("Graph GET /v1.0/servicePrincipals/{id}/appRoleAssignments"));
        Assert.Equal(0, emulator.Stats.CountOf("Graph GET /v1.0/servicePrincipals/{id}/owners"));
        Assert.Equal(0, emulator.Stats.CountOf("Graph GET /v1.0/applications/{id}/owners"));
        Assert.Equal(1, emulator.Stats.CountOf("Graph GET /v1.0/servicePrincipals"));
    }

    [Fact]
    public async Task Owners_are_read_for_privileged_apps_only_with_their_type()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = DemoTenant() });
        var collector = new GraphDirectoryCollector(Client(emulator));

        var directory = (await collector.CollectAsync()).Inventory;

        Assert.DoesNotContain(directory.NotCollected, n => n.StartsWith("owners", StringComparison.Ordinal));
        var identityAutomation = directory.Applications.Single(a => a.DisplayName == "Identity Automation (PIM sync)");
        var owner = Assert.Single(identityAutomation.Owners!);
        Assert.Equal(new AiSpm.Core.Inventory.Directory.DirectoryOwner("0e000000-0000-4000-8000-000000000014", "#microsoft.graph.user", "Diego Siciliani", "diego.siciliani@contoso.example"), owner);
        Assert.Empty(directory.ServicePrincipal("5e0a0000-0000-4000-8000-000000000003")!.Owners!);
        var helpdesk = directory.ServicePrincipal("5e0a0000-0000-4000-8000-000000000008")!;
        Assert.True(Assert.Single(helpdesk.Owners!).IsServicePrincipal);
        Assert.True(Assert.Single(directory.ApplicationOf(helpdesk)!.Owners!).IsServicePrincipal);
        // IT Ops Agent (Tier-0 agent identity) is owned by a user (demo tenant row 122).
        Assert.True(Assert.Single(directory.ServicePrincipal("5e0d0000-0000-4000-8000-000000000002")!.Owners!).IsUser);
        Assert.Null(directory.ServicePrincipals.Single(s => s.DisplayName == "Zoom").Owners); // basic scopes only: not read
        Assert.Null(directory.Applications.Single(a => a.DisplayName == "Contoso Marketing Site").Owners);
        Assert.Null(directory.ServicePrincipals.Single(s => s.DisplayName == "uami-foundry-prod").Owners);
    }

    [Fact]
    public async Task A_policy_answer_without_the_property_the_checks_read_is_a_coverage_note_and_the_scan_goes_on()
    {
        var folder = CopyOfDemoTenant("aispm-policy-");
        try
        {

            // An answer shaped unlike Microsoft's documentation: no defaultUserRolePermissions object.
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "graph", "v1.0", "authorizationPolicy.json"), """{"id":"authorizationPolicy","displayName":"Authorization Policy"}""");
            await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = folder.FullName });

            var collection = await new GraphDirectoryCollector(Client(emulator)).CollectAsync();

            Assert.Contains(collection.Inventory.NotCollected, n => n.StartsWith("authorizationPolicy: the answer lacks what the checks read", StringComparison.Ordinal));
            Assert.Contains(collection.Errors, e => e.Scope == "authorizationPolicy");
            Assert.NotEmpty(collection.Inventory.ServicePrincipals);
            var consent = RuleCatalog.BuiltIn.Find("AISPM-2010")!.Evaluate(new PostureSnapshot { Directory = collection.Inventory, EvaluatedAt = DateTimeOffset.UnixEpoch }).ToList();
            Assert.All(consent, r => Assert.Equal(RuleOutcome.Unknown, r.Outcome));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_list_item_without_the_identifiers_every_such_object_has_is_a_coverage_note_not_the_end_of_the_shard()
    {
        var folder = CopyOfDemoTenant("aispm-apps-");
        try
        {

            // An application object without appId, unlike every application Graph documents.
            var applications = Path.Combine(folder.FullName, "graph", "v1.0", "applications.json");
            var document = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(applications))!;
            document["value"]![0]!.AsObject().Remove("appId");
            await File.WriteAllTextAsync(applications, document.ToJsonString());
            await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = folder.FullName });

            var collection = await new GraphDirectoryCollector(Client(emulator)).CollectAsync();

            Assert.Contains(collection.Inventory.NotCollected, n => n.StartsWith("applications: an object lacks what the checks read", StringComparison.Ordinal));
            Assert.Contains(collection.Errors, e => e.Scope == "applications" && e.Message.Contains("appId", StringComparison.Ordinal));
            Assert.NotEmpty(collection.Inventory.ServicePrincipals);
            Assert.NotEmpty(collection.Inventory.DelegatedGrants);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_owner_list_answered_404_is_a_coverage_note_and_the_rule_says_unknown()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = DemoTenant() });
        var collector = new GraphDirectoryCollector(Client(emulator));
        var builder = new AiSpm.Core.Inventory.Directory.DirectoryInventoryBuilder().WithTenantId("8f2d4c6a-1b3e-4a5c-9d7f-0e1a2b3c4d5e");
        using var principals = System.Text.Json.JsonDocument.Parse("""
            [{"id":"5e0a0000-0000-4000-8000-000000000003","appId":"a1d00000-0000-4000-8000-000000000003","displayName":"Identity Automation (PIM sync)","appOwnerOrganizationId":"8f2d4c6a-1b3e-4a5c-9d7f-0e1a2b3c4d5e"},
             {"id":"5e0a0000-0000-4000-8000-0000000000ff","appId":"a1d00000-0000-4000-8000-0000000000ff","displayName":"Deleted Meanwhile","appOwnerOrganizationId":"8f2d4c6a-1b3e-4a5c-9d7f-0e1a2b3c4d5e"}]
            """);
        using var assignments = System.Text.Json.JsonDocument.Parse($$"""
            [{"id":"r1","principalId":"5e0a0000-0000-4000-8000-000000000003","resourceId":"{{MicrosoftGraphSp}}","appRoleId":"9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8"},
             {"id":"r2","principalId":"5e0a0000-0000-4000-8000-0000000000ff","resourceId":"{{MicrosoftGraphSp}}","appRoleId":"9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8"}]
            """);
        builder.AddServicePrincipals(principals.RootElement, "inline").AddAppRoleAssignments(assignments.RootElement, "inline");

        var read = await collector.CollectOwnersAsync(GraphDirectoryCollector.OwnerTargets(builder.Build()), builder, CancellationToken.None);

        Assert.Equal(2, read);
        Assert.Equal(1, emulator.Stats.CountOf("Graph POST /v1.0/$batch"));
        var directory = builder.Build();
        Assert.Equal(["owners: 1 of 2 objects could not be read (1 answered 404)"], directory.NotCollected);
        var results = RuleCatalog.BuiltIn.Find("AISPM-2035")!.Evaluate(new PostureSnapshot { Directory = directory, EvaluatedAt = DateTimeOffset.UnixEpoch })
            .ToDictionary(r => r.ResourceId, r => r.Outcome);
        Assert.Equal(RuleOutcome.Pass, results["graph:/servicePrincipals/5e0a0000-0000-4000-8000-000000000003"]);
        Assert.Equal(RuleOutcome.Unknown, results["graph:/servicePrincipals/5e0a0000-0000-4000-8000-0000000000ff"]);
    }

    [Fact]
    public async Task Throttled_batch_entries_are_retried_after_their_retry_after()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        var options = new EmulatorOptions { FixtureFolder = DemoTenant(), TimeProvider = clock };
        options.Throttling.GraphResourceUnitsPerWindow = 1;
        options.Throttling.GraphWindow = TimeSpan.FromSeconds(10);
        await using var emulator = await EmulatorServer.StartAsync(options);
        var waits = new List<TimeSpan>();
        var collector = new GraphDirectoryCollector(Client(emulator), (wait, _) =>
        {
            waits.Add(wait);
            clock.Advance(wait);
            return Task.CompletedTask;
        });

        var assignments = await collector.CollectAppRoleAssignmentsAsync([MicrosoftGraphSp, ExchangeSp, SharePointSp], CancellationToken.None);

        Assert.Equal(19, assignments.GetArrayLength());
        Assert.Equal(3, emulator.Stats.CountOf("Graph POST /v1.0/$batch"));
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)], waits);
    }

    [Fact]
    public async Task A_batch_entry_with_more_pages_is_read_to_its_last_page_and_each_object_is_kept_as_graph_wrote_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aispm-paged-" + Guid.NewGuid().ToString("N"));
        try
        {
            WriteGeneratedTenant(folder, principals: 1200, grants: 1);
            // 1,100 application grants on the first resource: more than one page of $top=999 inside its batch entry.
            var resource = "5e000001-0000-4000-8000-000000000000";
            var assignments = new JsonArray();
            for (var i = 0; i < 1100; i++)
            {
                assignments.Add(new JsonObject
                {
                    ["id"] = "ra-" + i.ToString(CultureInfo.InvariantCulture), ["appRoleId"] = "40000001-0000-4000-8000-000000000000",
                    ["principalId"] = $"5e000001-0000-4000-8000-{i + 1:x12}", ["principalType"] = "ServicePrincipal", ["resourceId"] = resource,
                    ["principalDisplayName"] = "App \u00e9 " + i.ToString(CultureInfo.InvariantCulture), ["futureProperty"] = new JsonObject { ["kept"] = true },
                });
            }

            File.WriteAllText(Path.Combine(folder, "graph", "v1.0", "appRoleAssignments.json"), new JsonObject { ["value"] = assignments }.ToJsonString());
            await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = folder, Throttling = new ThrottlingOptions { GraphEnabled = false } });
            var collector = new GraphDirectoryCollector(Client(emulator));

            var read = await collector.CollectAppRoleAssignmentsAsync([resource], CancellationToken.None);

            Assert.Equal(1100, read.GetArrayLength());
            Assert.Equal(Enumerable.Range(0, 1100).Select(i => "ra-" + i.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
                read.EnumerateArray().Select(a => a.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
            Assert.Equal(1, emulator.Stats.CountOf("Graph POST /v1.0/$batch"));
            Assert.Equal(1, emulator.Stats.CountOf("Graph GET /v1.0/servicePrincipals/{id}/appRoleAssignedTo"));
            var last = read.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "ra-1099");
            Assert.Equal("App é 1099", last.GetProperty("principalDisplayName").GetString());
            Assert.True(last.GetProperty("futureProperty").GetProperty("kept").GetBoolean());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_forbidden_optional_endpoint_becomes_a_coverage_note_and_rules_say_unknown()
    {
        var options = new EmulatorOptions { FixtureFolder = DemoTenant() };
        options.Faults.Add(new FaultRule { Service = EmulatorService.Graph, PathContains = "/copilot/admin/catalog/packages", Kind = FaultKind.Forbidden });
        await using var emulator = await EmulatorServer.StartAsync(options);
        var collector = new GraphDirectoryCollector(Client(emulator));

        var collection = await collector.CollectAsync();

        Assert.Empty(collection.Errors);
        Assert.Null(collection.Inventory.CopilotPackages);
        Assert.Contains(collection.Inventory.NotCollected, n => n.StartsWith("copilotPackages: 403", StringComparison.Ordinal));
        var results = RuleCatalog.BuiltIn.Find("AISPM-2032")!.Evaluate(new PostureSnapshot { Directory = collection.Inventory, EvaluatedAt = DateTimeOffset.UnixEpoch }).ToList();
        Assert.Equal(RuleOutcome.Unknown, Assert.Single(results).Outcome);
    }

    [Fact]
    public async Task A_generated_tenant_costs_at_most_one_call_per_page_plus_one_per_resource_and_missing_optional_parts_are_coverage_notes()
    {
        const int principals = 1200;
        const int resources = 30; // every 40th principal defines an application app role
        const int grants = 2500;
        var folder = Path.Combine(Path.GetTempPath(), "aispm-generated-" + Guid.NewGuid().ToString("N"));
        try
        {
            WriteGeneratedTenant(folder, principals, grants);
            await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = folder, Throttling = new ThrottlingOptions { GraphEnabled = false } });
            var collector = new GraphDirectoryCollector(Client(emulator));

            var collection = await collector.CollectAsync();

            Assert.Empty(collection.Errors);
            Assert.Equal(principals, collection.Inventory.ServicePrincipals.Count);
            Assert.Equal(grants, collection.Inventory.DelegatedGrants.Count);
            Assert.Equal(principals - resources, collection.Inventory.AppRoleGrants.Count);
            Assert.Equal(resources, collection.ResourcePrincipals);
            Assert.Equal(0, collection.OwnerObjects); // every grant is Tier 2 (a custom resource's role, User.Read): no owners read
            Assert.Equal(2, emulator.Stats.CountOf("Graph POST /v1.0/$batch"));
            Assert.Equal(GraphRequests(emulator), collection.Calls);
            Assert.True(collection.Calls <= collection.Pages + collection.ResourcePrincipals, $"{collection.Calls} calls for {collection.Pages} pages and {collection.ResourcePrincipals} resources");
            Assert.Contains(collection.Inventory.NotCollected, n => n.StartsWith("authorizationPolicy: 404", StringComparison.Ordinal));
            Assert.Contains(collection.Inventory.NotCollected, n => n.StartsWith("copilotPackages: 403", StringComparison.Ordinal)); // delegated only
            var restriction = Assert.Single(collection.Inventory.AppManagementPolicy!.PasswordRestrictions);
            Assert.Equal(("passwordLifetime", TimeSpan.FromDays(180), true), (restriction.RestrictionType, restriction.MaxLifetime!.Value, restriction.Enabled));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void WriteGeneratedTenant(string folder, int principals, int grants)
    {
        static string Id(long prefix, int i) => $"{prefix:x8}-0000-4000-8000-{i:x12}";
        var list = new JsonArray();
        var resourceIds = new List<string>();
        for (var i = 0; i < principals; i++)
        {
            var sp = new JsonObject
            {
                ["id"] = Id(0x5e000001, i), ["appId"] = Id(0xa1000001, i), ["displayName"] = "App " + i.ToString(CultureInfo.InvariantCulture),
                ["appOwnerOrganizationId"] = Id(0x7e000001, i % 7), ["servicePrincipalType"] = "Application", ["accountEnabled"] = true,
                ["appRoles"] = new JsonArray(), ["oauth2PermissionScopes"] = new JsonArray(),
            };
            if (i % 40 == 0)
            {
                sp["appRoles"]!.AsArray().Add(new JsonObject { ["allowedMemberTypes"] = new JsonArray("Application"), ["id"] = Id(0x40000001, i), ["value"] = "Data.Read.All", ["isEnabled"] = true });
                resourceIds.Add(sp["id"]!.GetValue<string>());
            }
            else if (i % 40 == 1)
            {
                sp["appRoles"]!.AsArray().Add(new JsonObject { ["allowedMemberTypes"] = new JsonArray("User"), ["id"] = Id(0x40000002, i), ["value"] = "Reader", ["isEnabled"] = true });
            }

            list.Add(sp);
        }

        var assignments = new JsonArray();
        for (var i = 0; i < principals; i++)
        {
            if (i % 40 != 0)
            {
                var resource = resourceIds[i % resourceIds.Count];
                assignments.Add(new JsonObject
                {
                    ["id"] = "ra-" + i.ToString(CultureInfo.InvariantCulture), ["appRoleId"] = Id(0x40000001, resourceIds.IndexOf(resource) * 40),
                    ["principalId"] = Id(0x5e000001, i), ["principalType"] = "ServicePrincipal", ["resourceId"] = resource,
                });
            }
        }

        var grantList = new JsonArray();
        for (var i = 0; i < grants; i++)
        {
            grantList.Add(new JsonObject
            {
                ["id"] = "g-" + i.ToString(CultureInfo.InvariantCulture), ["clientId"] = Id(0x5e000001, i % principals), ["resourceId"] = resourceIds[0],
                ["consentType"] = "Principal", ["principalId"] = Id(0x0e000001, i), ["scope"] = "openid User.Read",
            });
        }

        var graph = Path.Combine(folder, "graph", "v1.0");
        Directory.CreateDirectory(graph);
        File.WriteAllText(Path.Combine(graph, "servicePrincipals.json"), new JsonObject { ["value"] = list }.ToJsonString());
        File.WriteAllText(Path.Combine(graph, "appRoleAssignments.json"), new JsonObject { ["value"] = assignments }.ToJsonString());
        File.WriteAllText(Path.Combine(graph, "oauth2PermissionGrants.json"), new JsonObject { ["value"] = grantList }.ToJsonString());
        File.WriteAllText(Path.Combine(graph, "applications.json"), new JsonObject { ["value"] = new JsonArray() }.ToJsonString());
        Directory.CreateDirectory(Path.Combine(graph, "policies"));
        File.WriteAllText(Path.Combine(graph, "policies", "defaultAppManagementPolicy.json"), """
            {"id":"00000000-0000-0000-0000-000000000000","displayName":"Default app management tenant policy","isEnabled":true,
             "applicationRestrictions":{"passwordCredentials":[{"restrictionType":"passwordLifetime","maxLifetime":"P180D","restrictForAppsCreatedAfterDateTime":"2024-01-01T00:00:00Z"}],"keyCredentials":[]},
             "servicePrincipalRestrictions":{"passwordCredentials":[],"keyCredentials":[]}}
            """);
    }

    private sealed record CopilotUsageSummaryExpectation(int Enabled, int Active, int? ChatActive);

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
