using System.Text.Json;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Tests.Rules.DemoTenant;

/// <summary>Loads the demo tenant's Microsoft Graph files (fixtures/demo-tenant/graph) into a directory inventory.</summary>
internal static class DemoTenantGraph
{
    public static string Root => Path.Combine(RuleFixtures.RepositoryRoot(), "fixtures", "demo-tenant", "graph");

    public static DirectoryInventory Load()
    {
        var builder = new DirectoryInventoryBuilder();
        Add(builder.AddServicePrincipals, "v1.0/servicePrincipals.json");
        Add(builder.AddServicePrincipals, "beta/servicePrincipals/microsoft.graph.agentIdentity.json");
        Add(builder.AddServicePrincipals, "beta/servicePrincipals/microsoft.graph.agentIdentityBlueprintPrincipal.json");
        Add(builder.AddApplications, "v1.0/applications.json");
        Add(builder.AddApplications, "beta/applications/microsoft.graph.agentIdentityBlueprint.json");
        Add(builder.AddDelegatedGrants, "v1.0/oauth2PermissionGrants.json");
        Add(builder.AddAppRoleAssignments, "v1.0/appRoleAssignments.json");
        Add(builder.AddOwnersMap, "v1.0/owners.json");
        Add(builder.SetAuthorizationPolicy, "v1.0/authorizationPolicy.json");
        Add(builder.SetAdminConsentRequestPolicy, "v1.0/adminConsentRequestPolicy.json");
        Add(builder.SetCopilotLimitedMode, "beta/copilot/admin/settings/limitedMode.json");
        Add(builder.AddCopilotPackages, "beta/copilot/admin/catalog/packages.json");
        Add(builder.SetCopilotUsageSummary, "beta/copilot/reports/getMicrosoft365CopilotUserCountSummary(period='D30').json");
        return builder.Build();
    }

    public static PostureSnapshot Snapshot() => new() { Directory = Load(), EvaluatedAt = RuleFixtures.EvaluatedAt };

    private static void Add(Func<JsonElement, string, DirectoryInventoryBuilder> add, string relative)
    {
        var path = Path.Combine(Root, relative);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        add(document.RootElement, "demo-tenant/graph/" + relative);
    }
}
