using AiSpm.Core.Secrets;
using AiSpm.Testing;
using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.DurableTask.Client;

using static AiSpm.Application.Tests.Remediation.RotationWiring;

namespace AiSpm.Application.Tests.Remediation;

/// <summary>
/// The RotateExposedKey orchestration on the local durable engine (Azure Storage backend over Azurite) with AiSpm's
/// real activities against the emulated tenant's ARM and Key Vault: the partner slot is regenerated and stored first, the exposed slot after the wait, and the
/// leaked value stops working while consumers on the vault's current version keep working.
/// </summary>
public sealed class DurableRotationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Account = RotationWiring.OpenAiAccount;


    private static async Task<RotationResult> RunAsync(DurableTaskClient client, ExposedKeyRotation rotation)
    {
        var (id, _) = await RotationStarter.StartAsync(client, rotation);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var metadata = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return metadata.ReadOutputAs<RotationResult>()!;
    }

    [Fact]
    public async Task An_exposed_key1_is_rotated_in_dual_key_order_and_the_vault_holds_the_fresh_partner_key()
    {
        await using var harness = await RotationWiring.StartAsync(azurite, AiSpm.Core.Remediation.RotationMode.Auto);
        var engine = await harness.EngineAsync();
        var (exposed, partnerBefore) = FixtureKeys();
        using var fingerprinter = new SecretFingerprinter(harness.Options.FingerprintKey!);

        var result = await RunAsync(engine.Client, new ExposedKeyRotation(fingerprinter.Compute(exposed).ToString(), Account, "AISPM-3001", "finding-1",
            RotationFlow.Auto, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)));
        var (key1, key2) = await LiveKeysAsync(harness);
        var current = (await harness.Tenant.ConnectVault(RotationWiring.Vault).GetSecretAsync("aoai-swc-key")).Value;
        var steps = await harness.Audit.ReadAsync().Where(e => e.Record.Target == Account).Select(e => e.Record.Action).ToListAsync();

        Assert.Equal(RotationOutcome.Completed, result.Outcome);
        Assert.NotEqual(exposed, key1);
        Assert.NotEqual(partnerBefore, key2);
        Assert.Equal(key2, current.Value);
        Assert.Equal("key2", current.Properties.Tags["CredentialId"]);
        Assert.Equal(["rotation.key-regenerated", "rotation.key-stored", "rotation.key-regenerated", "rotation.completed"], steps);
        Assert.True((await harness.Audit.VerifyAsync()).IsIntact);
        Assert.DoesNotContain(exposed, await harness.StoredTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_that_is_not_a_key_of_the_account_and_a_dry_run_change_nothing()
    {
        await using var harness = await RotationWiring.StartAsync(azurite, AiSpm.Core.Remediation.RotationMode.Auto);
        var engine = await harness.EngineAsync();
        var (key1Before, key2Before) = FixtureKeys();
        using var fingerprinter = new SecretFingerprinter(harness.Options.FingerprintKey!);

        var stale = await RunAsync(engine.Client, new ExposedKeyRotation(fingerprinter.Compute("not-a-key-of-this-account-0123456789").ToString(), Account, "AISPM-3001", "finding-1",
            RotationFlow.Auto, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)));
        var dryRun = await RunAsync(engine.Client, new ExposedKeyRotation(fingerprinter.Compute(key1Before).ToString(), Account, "AISPM-3001", "finding-2",
            RotationFlow.DryRun, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)));

        Assert.Equal(RotationOutcome.NoLongerExposed, stale.Outcome);
        Assert.Equal(RotationOutcome.Planned, dryRun.Outcome);
        Assert.Contains("Would regenerate Key2", dryRun.Detail, StringComparison.Ordinal);
        Assert.Equal((key1Before, key2Before), await LiveKeysAsync(harness));
        Assert.Equal(["rotation.not-needed", "rotation.planned"], await harness.Audit.ReadAsync().Where(e => e.Record.Target == Account).Select(e => e.Record.Action).ToListAsync());
    }
}
