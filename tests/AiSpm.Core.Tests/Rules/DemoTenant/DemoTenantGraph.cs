using System.Text.Json;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Tests.Rules.DemoTenant;

/// <summary>Loads the demo tenant's Microsoft Graph files (fixtures/demo-tenant/graph) into a directory inventory.</summary>
internal static class DemoTenantGraph
{
    public static string Root => Path.Combine(RuleFixtures.RepositoryRoot(), "fixtures", "demo-tenant", "graph");

    /// <summary>Each Graph file and the builder call the collector makes with what its request returns.</summary>
    public static IReadOnlyList<(string File, Func<DirectoryInventoryBuilder, Func<JsonElement, string, DirectoryInventoryBuilder>> Add)> Parts { get; } =
    [
        ("v1.0/servicePrincipals.json", b => b.AddServicePrincipals),
        ("beta/servicePrincipals/microsoft.graph.agentIdentity.json", b => b.AddServicePrincipals),
        ("beta/servicePrincipals/microsoft.graph.agentIdentityBlueprintPrincipal.json", b => b.AddServicePrincipals),
        ("v1.0/applications.json", b => b.AddApplications),
        ("beta/applications/microsoft.graph.agentIdentityBlueprint.json", b => b.AddApplications),
        ("v1.0/oauth2PermissionGrants.json", b => b.AddDelegatedGrants),
        ("v1.0/appRoleAssignments.json", b => b.AddAppRoleAssignments),
        ("v1.0/owners.json", b => b.AddOwnersMap),
        ("v1.0/authorizationPolicy.json", b => b.SetAuthorizationPolicy),
        ("v1.0/adminConsentRequestPolicy.json", b => b.SetAdminConsentRequestPolicy),
        ("beta/copilot/admin/settings/limitedMode.json", b => b.SetCopilotLimitedMode),
        ("beta/copilot/admin/catalog/packages.json", b => b.AddCopilotPackages),
        ("beta/copilot/reports/getMicrosoft365CopilotUserCountSummary(period='D30').json", b => b.SetCopilotUsageSummary),
    ];

    public static DirectoryInventory Load() => Load(_ => null);

    /// <summary>
    /// Loads the files, one of them possibly replaced (<paramref name="replace"/> returns its JSON, or null for the file
    /// as it is). As the collector does, a part whose answer cannot be placed (<see cref="InventoryFormatException"/>)
    /// is recorded as not collected and the rest goes on.
    /// </summary>
    public static DirectoryInventory Load(Func<string, JsonElement?> replace)
    {
        var builder = new DirectoryInventoryBuilder();
        foreach (var (file, add) in Parts)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, file)));
            try
            {
                add(builder)(replace(file) ?? document.RootElement, "demo-tenant/graph/" + file);
            }
            catch (InventoryFormatException ex)
            {
                builder.NotCollected(file, ex.Message);
            }
        }

        return builder.Build();
    }

    public static PostureSnapshot Snapshot() => new() { Directory = Load(), EvaluatedAt = RuleFixtures.EvaluatedAt };
}
