using AiSpm.Cli.Emulation;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using AiSpm.Connectors.Persistence;
using AiSpm.Core.Findings;
using AiSpm.Application.Scanning;
using AiSpm.Testing;

namespace AiSpm.Cli.Tests.Hosting;

/// <summary>Kills <c>aispm serve</c> with SIGKILL in the middle of a scan and restarts it.</summary>
public sealed class ServeCrashRecoveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Key = "crash-test-key-0123456789";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private readonly System.Text.StringBuilder _logs = new();

    private Process Start(int port, string prefix)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "aispm.dll"), "serve", "--fixture", "demo-tenant", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        info.Environment["AzureWebJobsStorage__tablePrefix"] = prefix;
        info.Environment["AISPM_LOCAL_API_KEY"] = Key;
        info.Environment["Scan__SubscriptionsPerShard"] = "1";
        info.Environment["Scan__VisibilityTimeoutSeconds"] = "10"; // work taken by the killed process resumes 10 s later
        info.Environment["Scan__ActivityConcurrency"] = "1"; // one shard at a time, so the kill lands between shards
        info.Environment["AISPM_EMULATOR_LATENCY_MS"] = "200";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (_logs) { _logs.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (_logs) { _logs.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync("/")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("aispm serve did not start listening.");
    }

    [Fact]
    public async Task Kill_9_mid_scan_then_restart_completes_the_run_with_the_findings_of_an_uninterrupted_scan()
    {
        var port = FreePort();
        var prefix = "k" + Guid.NewGuid().ToString("N")[..10];
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        client.DefaultRequestHeaders.Add("x-functions-key", Key);

        var first = Start(port, prefix);
        string scanId;
        int completedAtKill;
        try
        {
            await WaitReadyAsync(client);
            var started = await client.PostAsync("/api/scans", null);
            scanId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            JsonElement status;
            do
            {
                await Task.Delay(25);
                status = await client.GetFromJsonAsync<JsonElement>($"/api/scans/{scanId}");
            }
            while (!status.TryGetProperty("shardsDone", out var done) || done.GetInt32() < 1);

            completedAtKill = status.GetProperty("shardsDone").GetInt32();
        }
        finally
        {
            first.Kill(entireProcessTree: true); // SIGKILL: no shutdown code runs.
            await first.WaitForExitAsync();
        }

        Assert.True(completedAtKill < 4, $"The scan finished before the kill ({completedAtKill}/4 shards); the test did not interrupt it.");
        var second = Start(port, prefix);
        JsonElement final;
        try
        {
            await WaitReadyAsync(client);
            var deadline = DateTime.UtcNow.AddSeconds(90);
            do
            {
                await Task.Delay(200);
                final = await client.GetFromJsonAsync<JsonElement>($"/api/scans/{scanId}");
            }
            while (final.GetProperty("orchestration").GetString() != "Completed" && DateTime.UtcNow < deadline);
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }

        await using var reference = await EmulatedTenant.StartAsync(FixtureLocator.Resolve("demo-tenant"));
        var expected = (await new TenantScanner(reference.ConnectArm(), graph: reference.ConnectGraph(), vaults: reference.VaultFor).ScanAsync("reference")).Findings.Select(f => f.Key.Id).Order().ToList();
        var stored = new TableFindingStore(azurite.Storage.Table(new AiSpmTables(prefix).Findings));
        var open = await stored.QueryAsync(new FindingQuery(Status: FindingStatus.Open, PageSize: 1000));

        Assert.Equal("Completed", final.GetProperty("orchestration").GetString());
        Assert.Equal("Completed", final.GetProperty("status").GetString());
        Assert.Equal(4, final.GetProperty("shardsCompleted").GetInt32());
        Assert.Equal(expected, open.Findings.Select(f => f.Finding.Key.Id).Order().ToList());
        Assert.Null(open.ContinuationToken);

        // No planted key in anything the server logged.
        var logs = _logs.ToString();
        Assert.Contains("aispm serving on", logs, StringComparison.Ordinal);
        Assert.All(await PlantedSecrets.InDemoTenantAsync(), secret => Assert.DoesNotContain(PlantedSecrets.Core(secret), logs, StringComparison.Ordinal));
    }
}
