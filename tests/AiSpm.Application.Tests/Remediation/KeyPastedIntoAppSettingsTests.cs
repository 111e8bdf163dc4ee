using System.Text.Json.Nodes;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Remediation;
using AiSpm.Connectors.Teams;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Remediation;
using AiSpm.Core.Rules.Credentials;
using AiSpm.Emulator.EventGrid;
using AiSpm.Application.Events;
using AiSpm.Application.Functions;
using AiSpm.Application.Notifications;
using AiSpm.Application.Tests.Notifications;
using AiSpm.Testing;
using Azure.Core.Pipeline;

using static AiSpm.Application.Tests.Remediation.RotationWiring;

namespace AiSpm.Application.Tests.Remediation;

/// <summary>
/// A key pasted into a site's app settings is found from the change event alone: the site is re-scanned, the key
/// attributed (the account lives in the same subscription, no endpoint beside the key), rotated in Auto mode and
/// announced in Teams; removing the setting resolves the finding.
/// </summary>
public sealed class KeyPastedIntoAppSettingsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Account = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-ai-prod/providers/Microsoft.CognitiveServices/accounts/oai-contoso-prod-swc";
    private const string Site = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-apps-prod/providers/Microsoft.Web/sites/app-contoso-hr-portal";
    private const string Setting = "LEGACY_OPENAI_KEY";

    private static async Task ChangeAppSettingsAsync(ScanHarness harness, AiSpmFunctionApp functions, Action<JsonObject> change)
    {
        var arm = new ArmRestClient(harness.Tenant.ConnectArm());
        var settings = JsonNode.Parse((await arm.PostActionAsync(Site, "config/appsettings/list", "2023-12-01")).GetRawText())!["properties"]!.AsObject();
        change(settings);
        await arm.PutAsync(Site + "/config/appsettings", "2023-12-01", new JsonObject { ["properties"] = settings.DeepClone() });
        var changed = EventGridEventFactory.ResourceEvent("Microsoft.Resources.ResourceWriteSuccess", harness.Tenant.Server.Fixture.TenantId,
            "6f1c0a00-0000-4000-8000-000000000001", Site + "/config/appsettings", "Microsoft.Web/sites/config/write", DateTimeOffset.UtcNow);
        // As Event Grid's storage-queue delivery puts it: one event per message, plain JSON.
        var lines = await functions.ResourceChangedAsync(changed.ToJsonString(), await harness.LauncherAsync(), CancellationToken.None);
        Assert.Contains(lines, l => l.Contains("re-scan", StringComparison.Ordinal));
        await harness.WaitIdleAsync();
    }

    private static Task<StoredFinding?> ExposureAsync(ScanHarness harness) =>
        harness.Findings.QueryAllAsync(new FindingQuery(RuleId: CredentialsExposedAiKey.Rule.Id))
            .FirstOrDefaultAsync(f => f.Finding.Key.ResourceId.Equals(Site, StringComparison.OrdinalIgnoreCase) && f.Finding.Key.SubKey == $"appSetting:{Setting}").AsTask();

    [Fact]
    public async Task The_change_event_alone_finds_attributes_rotates_and_announces_the_key_and_removing_it_resolves_the_finding()
    {
        await using var harness = await StartAsync(azurite, RotationMode.Auto);
        var functions = harness.FunctionApp(new ResourceChangeFilter());
        await ScanAsync(harness);
        var arm = new ArmRestClient(harness.Tenant.ConnectArm());
        var (_, key2) = await RotatableKeyFamily.CognitiveServices.ListKeysAsync(arm, Account);
        var cardsBefore = harness.Tenant.Server.Teams.PostsTo(Hook).Count;

        await ChangeAppSettingsAsync(harness, functions, settings => settings[Setting] = key2);
        var exposure = await ExposureAsync(harness);
        var cards = harness.Tenant.Server.Teams.PostsTo(Hook).Skip(cardsBefore).Select(AdaptiveCardShape.AssertValid).Select(AdaptiveCardShape.Text).ToList();
        var (_, key2After) = await RotatableKeyFamily.CognitiveServices.ListKeysAsync(arm, Account);

        Assert.NotNull(exposure);
        Assert.Equal(FindingStatus.Open, exposure.Status);
        Assert.Equal(Account, exposure.Finding.Evidence["account"], ignoreCase: true);
        Assert.Equal("Key2", exposure.Finding.Evidence["keySlot"]);
        Assert.Contains(await RotationsAsync(harness), r => r.AccountId.Equals(Account, StringComparison.OrdinalIgnoreCase) && r.FindingId == exposure.Finding.Key.Id && r.Outcome == "Completed");
        Assert.NotEqual(key2, key2After); // the pasted key no longer works
        Assert.Single(cards, c => c.Contains(exposure.Finding.Key.Id, StringComparison.Ordinal) && c.Contains("New critical", StringComparison.Ordinal));
        Assert.Single(cards, c => c.Contains(exposure.Finding.Key.Id, StringComparison.Ordinal) && c.Contains("Exposed AI key rotated", StringComparison.Ordinal));
        Assert.All(cards, c => Assert.DoesNotContain(key2, c, StringComparison.Ordinal));

        await ChangeAppSettingsAsync(harness, functions, settings => settings.Remove(Setting));

        Assert.Equal(FindingStatus.Resolved, (await ExposureAsync(harness))!.Status);
    }
}
