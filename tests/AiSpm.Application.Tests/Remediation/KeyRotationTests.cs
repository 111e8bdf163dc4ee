using AiSpm.Cli.Emulation;
using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Remediation;
using AiSpm.Core.Remediation;
using AiSpm.Core.Secrets;
using AiSpm.Emulator.Faults;
using AiSpm.Emulator.Hosting;
using AiSpm.Application.Remediation;
using AiSpm.Application.Scanning;
using AiSpm.Testing;

using static AiSpm.Application.Tests.Remediation.RotationWiring;

namespace AiSpm.Application.Tests.Remediation;

/// <summary>The exposed key of oai-contoso-prod-swc (key1, in func-contoso-summarizer's app settings) rotated through the emulator.</summary>
public sealed class KeyRotationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Account = RotationWiring.OpenAiAccount;

    private static Task<int> DataPlaneStatusAsync(ScanHarness harness, string key) => RotationWiring.DataPlaneStatusAsync(harness, "oai-contoso-prod-swc.openai.azure.com", "openai/models?api-version=2024-10-21", key);

    private static long Count(ScanHarness harness, string routePart) =>
        harness.Tenant.Server.Stats.Routes.Where(r => r.Key.Contains(routePart, StringComparison.Ordinal)).Sum(r => r.Value);

    private static async Task<int> RegenerationsOfAsync(ScanHarness harness, string account) =>
        await harness.Audit.ReadAsync().CountAsync(e => e.Record.Action == "rotation.key-regenerated" && e.Record.Target == account);

    [Fact]
    public async Task Auto_regenerates_only_the_exposed_key_and_key_vault_holds_the_new_version()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var (listener, fingerprinter) = Wire(harness, RotationMode.Auto);
        using var _ = fingerprinter;
        var (exposed, surviving) = FixtureKeys();
        var acceptedBefore = await DataPlaneStatusAsync(harness, exposed);

        await ScanAsync(harness);
        var (key1, key2) = await LiveKeysAsync(harness);
        var latest = await harness.Tenant.ConnectVault(Vault).GetSecretAsync("aoai-swc-key");
        Assert.Equal(200, acceptedBefore);
        Assert.Equal(401, await DataPlaneStatusAsync(harness, exposed)); // the leaked value is rejected
        Assert.Equal(200, await DataPlaneStatusAsync(harness, surviving)); // clients on the surviving key keep working
        Assert.Equal(200, await DataPlaneStatusAsync(harness, key1));
        var chain = await harness.Audit.VerifyAsync();

        Assert.Contains(listener.LastOutcomes, o => o.Request.AccountId == Account && o.Stage == RotationStage.Completed);
        Assert.NotEqual(exposed, key1);
        Assert.Equal(surviving, key2);
        Assert.Equal(key1, latest.Value.Value);
        Assert.Equal("key1", latest.Value.Properties.Tags["CredentialId"]);
        Assert.Equal(1, await RegenerationsOfAsync(harness, Account));
        Assert.True(chain.IsIntact, chain.ToString());
        var steps = await harness.Audit.ReadAsync().Where(e => e.Record.Target == Account).Select(e => e.Record.Action).ToListAsync();
        Assert.Equal(["rotation.planned", "rotation.surviving-key-stored", "rotation.key-regenerated", "rotation.new-key-stored", "rotation.completed"], steps);
        var audited = string.Join("\n", await harness.Audit.ReadAsync().Select(e => e.Record.Details).ToListAsync());
        Assert.DoesNotContain(exposed[6..^6], audited, StringComparison.Ordinal);
        Assert.DoesNotContain(key1[6..^6], audited, StringComparison.Ordinal);

        var cards = harness.Tenant.Server.Teams.PostsTo("rotation").Select(c => c.ToString()).ToList();
        Assert.Contains(cards, c => c.Contains("Exposed AI key rotated", StringComparison.Ordinal) && c.Contains("oai-contoso-prod-swc", StringComparison.Ordinal));
        Assert.All(cards, c => Assert.DoesNotContain(exposed[6..^6], c, StringComparison.Ordinal));
        Assert.All(cards, c => Assert.DoesNotContain(key1[6..^6], c, StringComparison.Ordinal));
        var regenerateCalls = Count(harness, "regenerateKey");
        await ScanAsync(harness);
        Assert.Equal(regenerateCalls, Count(harness, "regenerateKey"));
        Assert.Equal(1, await RegenerationsOfAsync(harness, Account));
    }

    [Fact]
    public async Task Dry_run_changes_nothing_in_the_tenant()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var (listener, fingerprinter) = Wire(harness, RotationMode.DryRun);
        using var _ = fingerprinter;
        var (exposed, surviving) = FixtureKeys();

        await ScanAsync(harness);
        var (key1, key2) = await LiveKeysAsync(harness);

        Assert.Contains(listener.LastOutcomes, o => o.Request.AccountId == Account && o.Message.StartsWith("dry run", StringComparison.Ordinal));
        Assert.Equal((exposed, surviving), (key1, key2));
        Assert.Equal(0, Count(harness, "regenerateKey"));
        Assert.Equal(0, harness.Tenant.Server.Stats.Routes.Where(r => r.Key.StartsWith("KeyVault PUT", StringComparison.Ordinal)).Sum(r => r.Value));
        Assert.Contains("rotation.planned", await harness.Audit.ReadAsync().Select(e => e.Record.Action).ToListAsync());
    }

    [Fact]
    public async Task A_failure_between_key_vault_update_and_regeneration_resumes_without_a_second_rotation()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        harness.Tenant.Server.Faults.Replace([new FaultRule { Service = EmulatorService.Arm, PathContains = "oai-contoso-prod-swc/regenerateKey", Kind = FaultKind.Forbidden, MaxCount = 1 }]);
        var (listener, fingerprinter) = Wire(harness, RotationMode.Auto);
        using var _ = fingerprinter;
        var (exposed, surviving) = FixtureKeys();

        await ScanAsync(harness);
        var afterFailure = await harness.Rotations.GetAsync(listener.LastOutcomes.Single(o => o.Request.AccountId == Account).Request.Fingerprint);
        await ScanAsync(harness);
        var (key1, key2) = await LiveKeysAsync(harness);
        var final = listener.LastOutcomes.Single(o => o.Request.AccountId == Account);

        Assert.Equal(RotationStage.SurvivingKeyStored, afterFailure!.Stage);
        Assert.Equal(RotationStage.Completed, final.Stage);
        Assert.Equal(1, await RegenerationsOfAsync(harness, Account)); // the refused attempt changed nothing; one rotation happened
        Assert.NotEqual(exposed, key1);
        Assert.Equal(surviving, key2);
        Assert.True((await harness.Audit.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Secret_near_expiry_regenerates_the_alternate_key_and_stores_it_as_the_latest_version()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var runtime = harness;
        using var fingerprinter = new SecretFingerprinter(runtime.Options.FingerprintKey!);
        var vault = harness.Tenant.ConnectVault(Vault);
        var arm = new ArmRestClient(harness.Tenant.ConnectArm());
        var rotator = new AccountKeyRotator(arm, vault, fingerprinter, runtime.Rotations, runtime.Audit);
        var scheduled = new ScheduledKeyRotation(vault, arm, fingerprinter, rotator, new RotationPolicy { Mode = RotationMode.Auto });
        var functions = runtime.FunctionApp(new AiSpm.Application.Events.ResourceChangeFilter(), scheduledRotation: scheduled);
        var (key1Before, key2Before) = FixtureKeys();
        var nearExpiry = AiSpm.Emulator.EventGrid.EventGridEventFactory.SecretEvent(ScheduledKeyRotation.NearExpiry,
            "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-ai-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-ai-prod",
            new Uri("https://kv-contoso-ai-prod.vault.azure.net/"), "aoai-swc-key", "c58d035aa437ed86840f33f9f51916a1", DateTimeOffset.UtcNow.AddDays(30), DateTimeOffset.UtcNow);
        var message = nearExpiry.ToJsonString();

        var response = await functions.SecretNearExpiryAsync(message, CancellationToken.None);
        var (key1, key2) = await LiveKeysAsync(harness);
        var latest = await vault.GetSecretAsync("aoai-swc-key");
        var again = await functions.SecretNearExpiryAsync(message, CancellationToken.None);

        Assert.Contains("Completed", Assert.Single(response), StringComparison.Ordinal);
        Assert.NotEqual(key1Before, key1);
        Assert.Equal(key2Before, key2);
        Assert.Equal(key1, latest.Value.Value);
        Assert.Equal("key1", latest.Value.Properties.Tags["CredentialId"]);
        Assert.Equal(1, await RegenerationsOfAsync(harness, Account));
        Assert.DoesNotContain("regenerated", again[0].Split('(')[0], StringComparison.Ordinal);
    }
}
