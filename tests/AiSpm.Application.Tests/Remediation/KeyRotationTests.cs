using AiSpm.Application.Remediation;
using AiSpm.Core.Remediation;
using AiSpm.Emulator.Faults;
using AiSpm.Emulator.Hosting;
using AiSpm.Testing;
using AiSpm.Workflows.Models;
using Microsoft.Extensions.DependencyInjection;

using static AiSpm.Application.Tests.Remediation.RotationWiring;

namespace AiSpm.Application.Tests.Remediation;

/// <summary>
/// The exposed key1 of oai-contoso-prod-swc (in func-contoso-summarizer's app settings) rotated from a scan, through
/// the RotateExposedKey orchestration on the local durable engine, against the emulator's ARM and Key Vault.
/// </summary>
public sealed class KeyRotationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Account = RotationWiring.OpenAiAccount;

    private static Task<int> DataPlaneStatusAsync(ScanHarness harness, string key) => RotationWiring.DataPlaneStatusAsync(harness, "oai-contoso-prod-swc.openai.azure.com", "openai/models?api-version=2024-10-21", key);

    private static long Count(ScanHarness harness, string routePart) =>
        harness.Tenant.Server.Stats.Routes.Where(r => r.Key.Contains(routePart, StringComparison.Ordinal)).Sum(r => r.Value);

    private static async Task<List<string>> StepsAsync(ScanHarness harness) =>
        await harness.Audit.ReadAsync().Where(e => e.Record.Target == Account).Select(e => e.Record.Action).ToListAsync();

    [Fact]
    public async Task Auto_rotates_the_partner_first_then_the_exposed_key_and_consumers_on_the_vault_keep_working()
    {
        await using var harness = await StartAsync(azurite, RotationMode.Auto);
        var (exposed, partnerBefore) = FixtureKeys();
        var acceptedBefore = await DataPlaneStatusAsync(harness, exposed);

        await ScanAsync(harness);
        var (key1, key2) = await LiveKeysAsync(harness);
        var current = (await harness.Tenant.ConnectVault(Vault).GetSecretAsync("aoai-swc-key")).Value;
        var rotation = Assert.Single(await RotationsAsync(harness), r => r.AccountId == Account);

        Assert.Equal(200, acceptedBefore);
        Assert.Equal(401, await DataPlaneStatusAsync(harness, exposed)); // the leaked value is rejected
        Assert.Equal(200, await DataPlaneStatusAsync(harness, current.Value)); // consumers on the vault's current version keep working
        Assert.Equal(("Completed", "Auto", "done"), (rotation.Outcome, rotation.Flow, rotation.Step));
        Assert.NotEqual(exposed, key1);
        Assert.NotEqual(partnerBefore, key2); // consumers moved to a fresh key, never to one that sat beside the leak
        Assert.Equal(key2, current.Value);
        Assert.Equal("key2", current.Properties.Tags["CredentialId"]);
        Assert.Equal(["rotation.key-regenerated", "rotation.key-stored", "rotation.key-regenerated", "rotation.completed"], await StepsAsync(harness));
        var chain = await harness.Audit.VerifyAsync();
        Assert.True(chain.IsIntact, chain.ToString());
        var audited = string.Join("\n", await harness.Audit.ReadAsync().Select(e => e.Record.Details).ToListAsync());
        Assert.All(new[] { exposed, partnerBefore, key1, key2 }, key => Assert.DoesNotContain(PlantedSecrets.Core(key), audited, StringComparison.Ordinal));
        var stored = await harness.StoredTextAsync();
        Assert.All(new[] { exposed, partnerBefore, key1, key2 }, key => Assert.DoesNotContain(PlantedSecrets.Core(key), stored, StringComparison.Ordinal));

        var cards = harness.Tenant.Server.Teams.PostsTo(Hook).Select(c => c.ToString()).ToList();
        Assert.Contains(cards, c => c.Contains("Exposed AI key rotated", StringComparison.Ordinal) && c.Contains("oai-contoso-prod-swc", StringComparison.Ordinal));
        Assert.All(cards, c => Assert.All(new[] { exposed, key1, key2 }, key => Assert.DoesNotContain(PlantedSecrets.Core(key), c, StringComparison.Ordinal)));

        // The next scan finds the finding still open (the pasted value is still in the settings) and rotates nothing.
        var regenerateCalls = Count(harness, "regenerateKey");
        await ScanAsync(harness);
        Assert.Equal(regenerateCalls, Count(harness, "regenerateKey"));
        Assert.Equal(2, (await StepsAsync(harness)).Count(s => s == "rotation.key-regenerated"));
    }

    [Fact]
    public async Task Dry_run_changes_nothing_in_the_tenant_and_is_reported_once()
    {
        await using var harness = await StartAsync(azurite, RotationMode.DryRun);
        var (exposed, partner) = FixtureKeys();

        await ScanAsync(harness);
        await ScanAsync(harness);

        Assert.Equal((exposed, partner), await LiveKeysAsync(harness));
        Assert.Equal(0, Count(harness, "regenerateKey"));
        Assert.Equal(0, harness.Tenant.Server.Stats.Routes.Where(r => r.Key.StartsWith("KeyVault PUT", StringComparison.Ordinal)).Sum(r => r.Value));
        Assert.Equal(["rotation.planned"], await StepsAsync(harness));
        Assert.Equal("Planned", Assert.Single(await RotationsAsync(harness), r => r.AccountId == Account).Outcome);
    }

    [Fact]
    public async Task A_refused_regeneration_is_retried_by_the_step_and_each_slot_is_regenerated_once()
    {
        await using var harness = await StartAsync(azurite, RotationMode.Auto);
        harness.Tenant.Server.Faults.Replace([new FaultRule { Service = EmulatorService.Arm, PathContains = "oai-contoso-prod-swc/regenerateKey", Kind = FaultKind.Forbidden, MaxCount = 1 }]);
        var (exposed, partnerBefore) = FixtureKeys();

        await ScanAsync(harness);
        var (key1, key2) = await LiveKeysAsync(harness);

        Assert.Equal("Completed", Assert.Single(await RotationsAsync(harness), r => r.AccountId == Account).Outcome);
        // docintel-contoso-prod's two slots, and here the refused call, then one per slot.
        Assert.Equal(2 + 3, Count(harness, "regenerateKey"));
        Assert.Equal(["rotation.key-regenerated", "rotation.key-stored", "rotation.key-regenerated", "rotation.completed"], await StepsAsync(harness));
        Assert.NotEqual(exposed, key1);
        Assert.NotEqual(partnerBefore, key2);
        Assert.True((await harness.Audit.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task An_opt_out_tag_or_an_allow_list_stops_the_rotation_and_says_why()
    {
        await using var harness = await StartAsync(azurite, RotationMode.Auto);
        await new AiSpm.Connectors.Arm.ArmRestClient(harness.Tenant.ConnectArm()).PatchAsync(Account, "2024-10-01",
            new { tags = new Dictionary<string, string> { [RotationPolicy.OptOutTag] = "off" } });

        await ScanAsync(harness);

        var rotation = Assert.Single(await RotationsAsync(harness), r => r.AccountId == Account);
        Assert.Equal("NotAllowed", rotation.Outcome);
        Assert.Contains("opt-out tag aispm-rotation=off", rotation.Detail, StringComparison.Ordinal);
        Assert.Equal(FixtureKeys(), await LiveKeysAsync(harness));
        Assert.Equal(["rotation.skipped"], await StepsAsync(harness));
    }

    [Fact]
    public async Task Secret_near_expiry_regenerates_the_alternate_key_and_stores_it_as_the_latest_version()
    {
        await using var harness = await StartAsync(azurite, RotationMode.Auto);
        var vault = harness.Tenant.ConnectVault(Vault);
        var scheduled = harness.Services.GetRequiredService<ScheduledKeyRotation>();
        var functions = harness.FunctionApp(new AiSpm.Application.Events.ResourceChangeFilter(), scheduledRotation: scheduled);
        var (key1Before, key2Before) = FixtureKeys();
        var nearExpiry = AiSpm.Emulator.EventGrid.EventGridEventFactory.SecretEvent(ScheduledKeyRotation.NearExpiry,
            "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-ai-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-ai-prod",
            new Uri("https://kv-contoso-ai-prod.vault.azure.net/"), "aoai-swc-key", "c58d035aa437ed86840f33f9f51916a1", DateTimeOffset.UtcNow.AddDays(30), DateTimeOffset.UtcNow);
        var message = nearExpiry.ToJsonString();

        var response = await functions.SecretNearExpiryAsync(message, CancellationToken.None);
        var (key1, key2) = await LiveKeysAsync(harness);
        var latest = await vault.GetSecretAsync("aoai-swc-key");
        var again = await functions.SecretNearExpiryAsync(message, CancellationToken.None);

        Assert.Contains("regenerated Key1 of oai-contoso-prod-swc", Assert.Single(response), StringComparison.Ordinal);
        Assert.NotEqual(key1Before, key1);
        Assert.Equal(key2Before, key2);
        Assert.Equal(key1, latest.Value.Value);
        Assert.Equal("key1", latest.Value.Properties.Tags["CredentialId"]);
        Assert.Equal(1, Count(harness, "regenerateKey"));
        Assert.Contains("no longer the latest", Assert.Single(again), StringComparison.Ordinal);
    }
}
