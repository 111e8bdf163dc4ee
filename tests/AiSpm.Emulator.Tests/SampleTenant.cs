using System.Globalization;
using System.Text.Json.Nodes;

namespace AiSpm.Emulator.Tests;

/// <summary>A small tenant written in the fixture layout: two subscriptions, AI resources with children, 250 service principals, a vault.</summary>
internal static class SampleTenant
{
    public const string TenantId = "11111111-1111-1111-1111-111111111111";
    public const string SubscriptionA = "aaaaaaaa-0000-0000-0000-000000000001";
    public const string SubscriptionB = "bbbbbbbb-0000-0000-0000-000000000002";
    public const string AccountId = "/subscriptions/" + SubscriptionA + "/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/oai-prod";
    public const string SiteId = "/subscriptions/" + SubscriptionA + "/resourceGroups/rg-web/providers/Microsoft.Web/sites/chat-web";
    public const int ServicePrincipalCount = 250;
    public const int SearchServiceCount = 30;
    public const int ModelCount = 25;

    public static FixtureFolder Write()
    {
        var folder = new FixtureFolder();
        folder.Write("tenant.json", new JsonObject { ["tenantId"] = TenantId, ["displayName"] = "Contoso", ["defaultDomain"] = "contoso.example" });
        folder.Write("arm/subscriptions.json", new JsonObject
        {
            ["value"] = new JsonArray(Subscription(SubscriptionA, "Prod"), Subscription(SubscriptionB, "Dev")),
        });
        folder.Write("arm/resources/ai.json", new JsonObject
        {
            ["value"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = AccountId,
                    ["name"] = "oai-prod",
                    ["type"] = "Microsoft.CognitiveServices/accounts",
                    ["kind"] = "OpenAI",
                    ["location"] = "eastus",
                    ["sku"] = new JsonObject { ["name"] = "S0" },
                    ["properties"] = new JsonObject { ["disableLocalAuth"] = false, ["publicNetworkAccess"] = "Enabled" },
                },
                new JsonObject
                {
                    ["id"] = AccountId + "/deployments/gpt-4o",
                    ["name"] = "gpt-4o",
                    ["type"] = "Microsoft.CognitiveServices/accounts/deployments",
                    ["properties"] = new JsonObject { ["model"] = new JsonObject { ["name"] = "gpt-4o", ["format"] = "OpenAI" } },
                },
                new JsonObject
                {
                    ["id"] = AccountId + "/providers/Microsoft.Insights/diagnosticSettings/to-law",
                    ["name"] = "to-law",
                    ["type"] = "Microsoft.Insights/diagnosticSettings",
                    ["properties"] = new JsonObject { ["workspaceId"] = "/subscriptions/x/law" },
                },
                new JsonObject
                {
                    ["id"] = SiteId,
                    ["name"] = "chat-web",
                    ["type"] = "Microsoft.Web/sites",
                    ["location"] = "westeurope",
                    ["properties"] = new JsonObject { ["state"] = "Running" },
                }),
        });
        var search = new JsonArray();
        for (var i = 0; i < SearchServiceCount; i++)
        {
            search.Add(new JsonObject
            {
                ["id"] = $"/subscriptions/{SubscriptionB}/resourceGroups/rg-search/providers/Microsoft.Search/searchServices/search-{i:D2}",
                ["name"] = $"search-{i:D2}",
                ["type"] = "Microsoft.Search/searchServices",
                ["location"] = "eastus",
                ["properties"] = new JsonObject { ["publicNetworkAccess"] = i % 2 == 0 ? "enabled" : "disabled" },
            });
        }

        folder.Write("arm/resources/search.json", new JsonObject { ["value"] = search });
        folder.Write("arm/deployments.json", new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["id"] = $"/subscriptions/{SubscriptionA}/resourceGroups/rg-ai/providers/Microsoft.Resources/deployments/ai-stack",
                ["name"] = "ai-stack",
                ["type"] = "Microsoft.Resources/deployments",
                ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded", ["parameters"] = new JsonObject { ["openAiKey"] = new JsonObject { ["type"] = "String", ["value"] = "0123456789abcdef0123456789abcdef" } } },
            }),
        });
        // Models API lists: 25 versions in East US (written with a space, as some tools do), nothing elsewhere.
        folder.Write("arm/models.json", new JsonObject
        {
            ["East US"] = new JsonArray(Enumerable.Range(1, ModelCount).Select(i => (JsonNode)new JsonObject
            {
                ["kind"] = "OpenAI",
                ["skuName"] = "S0",
                ["model"] = new JsonObject
                {
                    ["format"] = "OpenAI",
                    ["name"] = "model-" + i.ToString("00", CultureInfo.InvariantCulture),
                    ["version"] = "1",
                    ["lifecycleStatus"] = "GenerallyAvailable",
                },
            }).ToArray()),
        });
        folder.Write("arm/listKeys.json", new JsonObject { [AccountId] = new JsonObject { ["key1"] = "0123456789abcdef0123456789abcdef", ["key2"] = "fedcba9876543210fedcba9876543210" } });
        folder.Write("arm/appSettings.json", new JsonObject { [SiteId] = new JsonObject { ["properties"] = new JsonObject { ["AZURE_OPENAI_KEY"] = "0123456789abcdef0123456789abcdef" } } });

        var principals = new JsonArray();
        for (var i = 0; i < ServicePrincipalCount; i++)
        {
            principals.Add(new JsonObject
            {
                ["id"] = SpId(i),
                ["appId"] = new Guid(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)(i % 256)).ToString(),
                ["displayName"] = "App " + i.ToString("D3", CultureInfo.InvariantCulture),
                ["servicePrincipalType"] = "Application",
                ["accountEnabled"] = true,
            });
        }

        folder.Write("graph/v1.0/servicePrincipals.json", new JsonObject { ["value"] = principals });
        folder.Write("graph/v1.0/appRoleAssignments.json", new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["id"] = "assignment-1",
                ["principalId"] = SpId(1),
                ["resourceId"] = SpId(0),
                ["appRoleId"] = "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30",
                ["principalType"] = "ServicePrincipal",
            }),
        });
        folder.Write("graph/v1.0/owners.json", new JsonObject
        {
            [SpId(2)] = new JsonArray(
                new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = "user-1", ["displayName"] = "Adele Vance", ["userPrincipalName"] = "adele@sample.example" },
                new JsonObject { ["@odata.type"] = "#microsoft.graph.servicePrincipal", ["id"] = SpId(1), ["displayName"] = "App 001" }),
        });
        folder.Write("graph/v1.0/authorizationPolicy.json", new JsonObject
        {
            ["id"] = "authorizationPolicy",
            ["defaultUserRolePermissions"] = new JsonObject { ["permissionGrantPoliciesAssigned"] = new JsonArray("ManagePermissionGrantsForSelf.microsoft-user-default-legacy") },
        });
        folder.Write("graph/beta/copilot/admin/settings/limitedMode.json", new JsonObject { ["isEnabledForGroup"] = false, ["groupId"] = "" });
        folder.Write("keyvault/kv-prod/secrets.json", new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["id"] = "https://kv-prod.vault.azure.net/secrets/openai-key/0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                ["value"] = "0123456789abcdef0123456789abcdef",
                ["contentType"] = "text/plain",
                ["attributes"] = new JsonObject { ["enabled"] = true, ["created"] = 1700000000, ["updated"] = 1700000000, ["recoveryLevel"] = "Recoverable+Purgeable" },
                ["tags"] = new JsonObject { ["CredentialId"] = "key1" },
            }),
        });
        return folder;
    }

    public static string SpId(int i) => new Guid(1, 0, 0, 0, 0, 0, 0, 0, 0, (byte)(i / 256), (byte)(i % 256)).ToString();

    private static JsonObject Subscription(string id, string name) => new()
    {
        ["id"] = "/subscriptions/" + id,
        ["subscriptionId"] = id,
        ["tenantId"] = TenantId,
        ["displayName"] = name,
        ["state"] = "Enabled",
        ["subscriptionPolicies"] = new JsonObject { ["locationPlacementId"] = "Public_2014-09-01", ["quotaId"] = "PayAsYouGo_2014-09-01", ["spendingLimit"] = "Off" },
        ["authorizationSource"] = "RoleBased",
    };
}
