using AiSpm.Cli.Emulation;
using System.Net.Http.Json;
using System.Text.Json;
using AiSpm.Connectors.Persistence;
using AiSpm.Core.Findings;
using AiSpm.Application.Scanning;
using AiSpm.Testing;

namespace AiSpm.Cli.Tests.Hosting;

/// <summary>Kills <c>aispm serve</c> with SIGKILL in the middle of a scan and restarts it.</summary>
public sealed class ServeCrashRecoveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly System.Text.StringBuilder _logs = new();

    private Task<ServeProcess> StartAsync(string prefix) => ServeProcess.StartAsync(new Dictionary<string, string>
    {
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["AzureWebJobsStorage__tablePrefix"] = prefix,
        ["Scan__SubscriptionsPerShard"] = "1",
        ["Scan__VisibilityTimeoutSeconds"] = "10", // work taken by the killed process resumes 10 s later
        ["Scan__ActivityConcurrency"] = "1", // one shard at a time, so the kill lands between shards
        ["AISPM_EMULATOR_LATENCY_MS"] = "200",
    }, _logs);

    [Fact]
    public async Task Kill_9_mid_scan_then_restart_completes_the_run_with_the_findings_of_an_uninterrupted_scan()
    {
        var prefix = "k" + Guid.NewGuid().ToString("N")[..10];

        string scanId;
        int completedAtKill;
        await using (var first = await StartAsync(prefix))
        {
            var started = await first.Client.PostAsync("/api/scans", null);
            scanId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            JsonElement status;
            do
            {
                await Task.Delay(25);
                status = await first.Client.GetFromJsonAsync<JsonElement>($"/api/scans/{scanId}");
            }
            while (!status.TryGetProperty("shardsDone", out var done) || done.GetInt32() < 1);

            completedAtKill = status.GetProperty("shardsDone").GetInt32();
            await first.KillAsync(); // SIGKILL: no shutdown code runs.
        }

        Assert.True(completedAtKill < 6, $"The scan finished before the kill ({completedAtKill}/6 shards); the test did not interrupt it.");
        JsonElement final;
        await using (var second = await StartAsync(prefix))
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            do
            {
                await Task.Delay(200);
                final = await second.Client.GetFromJsonAsync<JsonElement>($"/api/scans/{scanId}");
            }
            while (final.GetProperty("orchestration").GetString() != "Completed" && DateTime.UtcNow < deadline);
        }

        await using var reference = await EmulatedTenant.StartAsync(FixtureLocator.Resolve("demo-tenant"));
        var expected = (await new TenantScanner(reference.ConnectArm(), graph: reference.ConnectGraph(), vaults: reference.VaultFor, powerPlatform: true).ScanAsync("reference")).Findings.Select(f => f.Key.Id).Order().ToList();
        var stored = new TableFindingStore(azurite.Storage.Table(new AiSpmTables(prefix).Findings));
        var open = await stored.QueryAsync(new FindingQuery(Status: FindingStatus.Open, PageSize: 1000));

        Assert.Equal("Completed", final.GetProperty("orchestration").GetString());
        Assert.True("Completed" == final.GetProperty("status").GetString(), final.ToString());
        // Three subscriptions, the directory and the three Power Platform environments with Dataverse.
        Assert.Equal(8, final.GetProperty("shardsCompleted").GetInt32());
        Assert.Equal(expected, open.Findings.Select(f => f.Finding.Key.Id).Order().ToList());
        Assert.Null(open.ContinuationToken);

        // No planted key in anything the server logged.
        var logs = _logs.ToString();
        Assert.Contains("aispm serving on", logs, StringComparison.Ordinal);
        Assert.All(await PlantedSecrets.InDemoTenantAsync(), secret => Assert.DoesNotContain(PlantedSecrets.Core(secret), logs, StringComparison.Ordinal));
    }
}
