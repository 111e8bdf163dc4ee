using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiSpm.Connectors.Persistence;
using AiSpm.Core.Audit;
using AiSpm.Cli.Emulation;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Remediation;
using AiSpm.Testing;

namespace AiSpm.Cli.Tests.Hosting;

/// <summary>
/// Kills <c>aispm serve</c> with SIGKILL at every step of a rotation in turn and starts it again: the rotation resumes
/// from the step it was at and ends rotated, with the dual-key order intact (the fresh partner key stored before the
/// exposed slot is regenerated, the consumer wait between them, the partner never regenerated after the exposed slot).
/// The tenant emulator runs in the test's process, so the tenant keeps its keys when the server dies.
/// </summary>
public sealed class RotationCrashRecoveryTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const string Account = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-ai-prod/providers/Microsoft.CognitiveServices/accounts/oai-contoso-prod-swc";
    private static readonly TimeSpan ConsumerWait = TimeSpan.FromSeconds(3);
    private static readonly string[] Steps = ["checking", "rotating-partner", "waiting-for-consumers", "rotating-exposed", "verifying"];

    private readonly StringBuilder _logs = new();

    private Task<ServeProcess> StartAsync(string prefix, EmulatedTenant tenant) => ServeProcess.StartAsync(new Dictionary<string, string>
    {
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["AzureWebJobsStorage__tablePrefix"] = prefix,
        ["AISPM_ROTATION_MODE"] = "Auto",
        ["AISPM_ROTATION_CONSUMER_WAIT"] = "00:00:03",
        ["Scan__VisibilityTimeoutSeconds"] = "5", // work taken by the killed process resumes 5 s later
    }, _logs, "--emulator-url", tenant.Server.BaseUri.AbsoluteUri, "--emulator-thumbprint", tenant.Server.CertificateThumbprint);

    /// <summary>The step of the account's rotation, or null before it started.</summary>
    private static async Task<(string? Step, string? Outcome)> RotationAsync(HttpClient client)
    {
        using var listed = JsonDocument.Parse(await client.GetStringAsync("/api/rotations"));
        foreach (var rotation in listed.RootElement.GetProperty("rotations").EnumerateArray())
        {
            if (rotation.GetProperty("accountId").GetString() == Account)
            {
                return (rotation.GetProperty("step").GetString(), rotation.GetProperty("outcome").GetString());
            }
        }

        return (null, null);
    }

    [Fact]
    public async Task A_crash_at_each_step_resumes_there_and_the_key_ends_rotated_in_dual_key_order()
    {
        var prefix = "r" + Guid.NewGuid().ToString("N")[..10];
        var killedAt = new List<string>();
        // Every call takes a while, so each step can be caught.
        await using var tenant = await EmulatedTenant.StartAsync(FixtureLocator.Resolve("demo-tenant"), TimeSpan.FromMilliseconds(400));
        var exposed = (await RotatableKeyFamily.CognitiveServices.ListKeysAsync(new ArmRestClient(tenant.ConnectArm()), Account)).First;
        var server = await StartAsync(prefix, tenant);
        try
        {
            await server.Client.PostAsync("/api/scans", null);
            foreach (var target in Steps)
            {
                var deadline = DateTime.UtcNow.AddSeconds(90);
                string? step;
                do
                {
                    await Task.Delay(40);
                    (step, _) = await RotationAsync(server.Client);
                }
                while (step is null || (Array.IndexOf(Steps, step) < Array.IndexOf(Steps, target) && step != "done" && DateTime.UtcNow < deadline));

                if (step != target)
                {
                    continue; // the step went by between two polls
                }

                await server.KillAsync();
                await server.DisposeAsync();
                killedAt.Add(target);
                server = await StartAsync(prefix, tenant);
            }

            var end = DateTime.UtcNow.AddSeconds(90);
            string? outcome;
            do
            {
                await Task.Delay(200);
                (_, outcome) = await RotationAsync(server.Client);
            }
            while (outcome is null && DateTime.UtcNow < end);

            if (outcome != "Completed")
            {
                output.WriteLine("Killed at: " + string.Join(", ", killedAt));
                output.WriteLine(await server.Client.GetStringAsync("/api/rotations"));
                output.WriteLine(_logs.ToString());
            }

            Assert.Equal("Completed", outcome);
        }
        finally
        {
            await server.DisposeAsync();
        }

        output.WriteLine("Killed at: " + string.Join(", ", killedAt));
        // The steps that change the tenant were each interrupted, so the run proves resumption from each; the read-only
        // checks are caught when a poll lands in them (usually).
        Assert.Subset(killedAt.ToHashSet(), new HashSet<string>(["rotating-partner", "waiting-for-consumers", "rotating-exposed"]));
        var audit = new TableAuditLog(azurite.Storage.Table(new AiSpmTables(prefix).Audit));
        var entries = await audit.ReadAsync().Where(e => e.Record.Target == Account).ToListAsync();
        var regenerated = entries.Where(e => e.Record.Action == "rotation.key-regenerated").Select(e => (e.Timestamp, Slot: SlotOf(e.Record))).ToList();
        var stored = entries.Where(e => e.Record.Action == "rotation.key-stored").Select(e => (e.Timestamp, Slot: SlotOf(e.Record))).ToList();
        var firstExposed = regenerated.First(r => r.Slot == "Key1");
        var lastPartner = regenerated.Last(r => r.Slot == "Key2");

        Assert.Single(entries, e => e.Record.Action == "rotation.completed");
        Assert.All(stored, s => Assert.Equal("Key2", s.Slot)); // only the fresh partner ever went to the vault
        Assert.Contains(stored, s => s.Timestamp >= lastPartner.Timestamp && s.Timestamp <= firstExposed.Timestamp); // stored after its last regeneration, before the exposed slot
        Assert.True(firstExposed.Timestamp - lastPartner.Timestamp >= ConsumerWait, $"the exposed slot was regenerated {firstExposed.Timestamp - lastPartner.Timestamp} after the partner");
        Assert.DoesNotContain(regenerated, r => r.Slot == "Key2" && r.Timestamp > firstExposed.Timestamp); // never both slots again within a wait
        Assert.True((await audit.VerifyAsync()).IsIntact);

        // The leaked value no longer works; the key consumers read from the vault does.
        var vaults = tenant.Server.VaultUris.Keys.ToList();
        var current = await FirstSecretOfAsync(tenant, vaults);
        Assert.Equal(401, await DataPlane.StatusAsync(tenant, "oai-contoso-prod-swc.openai.azure.com", "openai/models?api-version=2024-10-21", exposed));
        Assert.Equal(200, await DataPlane.StatusAsync(tenant, "oai-contoso-prod-swc.openai.azure.com", "openai/models?api-version=2024-10-21", current));
        var logs = _logs.ToString();
        Assert.All(await PlantedSecrets.InDemoTenantAsync(), secret => Assert.DoesNotContain(PlantedSecrets.Core(secret), logs, StringComparison.Ordinal));
    }

    /// <summary>The current value of the secret tagged with the account, in whichever emulated vault rotation wrote to.</summary>
    private static async Task<string> FirstSecretOfAsync(EmulatedTenant tenant, IReadOnlyList<string> vaults)
    {
        foreach (var name in vaults)
        {
            var vault = tenant.ConnectVault(name);
            await foreach (var properties in vault.GetPropertiesOfSecretsAsync())
            {
                if (properties.Tags.TryGetValue("ProviderAddress", out var address) && address.Equals(Account, StringComparison.OrdinalIgnoreCase))
                {
                    return (await vault.GetSecretAsync(properties.Name)).Value.Value;
                }
            }
        }

        throw new InvalidOperationException("No vault holds a secret tagged with the account.");
    }

    private static string SlotOf(AuditRecord record)
    {
        using var details = JsonDocument.Parse(record.Details);
        return details.RootElement.GetProperty("details").GetProperty("slot").GetString()!;
    }
}
