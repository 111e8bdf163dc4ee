using System.Text.Json;
using AiSpm.Application.Events;

namespace AiSpm.Application.Tests.Events;

/// <summary>Which Resource Manager events start a targeted re-scan, and of what.</summary>
public sealed class ResourceChangeFilterTests
{
    private const string Sub = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg";

    private static ResourceChangeDecision Decide(string resourceUri, string operation, string eventType = "Microsoft.Resources.ResourceWriteSuccess", string? appId = null) =>
        new ResourceChangeFilter(["aispm-app-id"]).Decide(eventType, resourceUri, JsonSerializer.SerializeToElement(new
        {
            resourceUri,
            operationName = operation,
            claims = new Dictionary<string, string> { ["appid"] = appId ?? "someone-else" },
        }));

    [Theory]
    [InlineData(Sub + "/providers/Microsoft.CognitiveServices/accounts/oai/deployments/gpt-4o", "Microsoft.CognitiveServices/accounts/deployments/write", Sub + "/providers/Microsoft.CognitiveServices/accounts/oai")]
    [InlineData(Sub + "/providers/Microsoft.Web/sites/app/config/appsettings", "Microsoft.Web/sites/config/write", Sub + "/providers/Microsoft.Web/sites/app")]
    [InlineData(Sub + "/providers/Microsoft.Web/sites/app", "Microsoft.Web/sites/write", Sub + "/providers/Microsoft.Web/sites/app")]
    [InlineData(Sub + "/providers/Microsoft.App/containerApps/ca", "Microsoft.App/containerApps/write", Sub + "/providers/Microsoft.App/containerApps/ca")]
    [InlineData(Sub + "/providers/Microsoft.Resources/deployments/main-2026", "Microsoft.Resources/deployments/write", Sub + "/providers/Microsoft.Resources/deployments/main-2026")]
    public void A_change_to_an_ai_resource_or_to_a_place_keys_are_kept_rescans_its_top_level_resource(string resourceUri, string operation, string expected)
    {
        var decision = Decide(resourceUri, operation);

        Assert.True(decision.Rescan, decision.Reason);
        Assert.Equal(expected, decision.ResourceId);
    }

    [Theory]
    [InlineData(Sub + "/providers/Microsoft.Web/sites/app/config/appsettings", "Microsoft.Web/sites/config/list/action", "does not change")]
    [InlineData(Sub + "/providers/Microsoft.CognitiveServices/accounts/oai", "Microsoft.CognitiveServices/accounts/listKeys/action", "does not change")]
    [InlineData(Sub + "/providers/Microsoft.Search/searchServices/srch", "Microsoft.Search/searchServices/listAdminKeys/action", "does not change")]
    [InlineData(Sub + "/providers/Microsoft.Web/sites/app", "Microsoft.Web/sites/read", "does not change")]
    [InlineData(Sub + "/providers/Microsoft.Storage/storageAccounts/st", "Microsoft.Storage/storageAccounts/write", "neither an AI resource")]
    [InlineData(Sub + "/providers/Microsoft.Web/serverFarms/plan", "Microsoft.Web/serverFarms/write", "neither an AI resource")]
    public void Reads_list_actions_and_other_resources_are_ignored_with_the_reason(string resourceUri, string operation, string reason)
    {
        var decision = Decide(resourceUri, operation, "Microsoft.Resources.ResourceActionSuccess");

        Assert.False(decision.Rescan);
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AiSpms_own_change_to_app_settings_is_ignored()
    {
        var decision = Decide(Sub + "/providers/Microsoft.Web/sites/app/config/appsettings", "Microsoft.Web/sites/config/write", appId: "aispm-app-id");

        Assert.False(decision.Rescan);
        Assert.Contains("AiSpm itself", decision.Reason, StringComparison.Ordinal);
    }
}
