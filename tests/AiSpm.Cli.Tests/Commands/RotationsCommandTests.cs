using AiSpm.Core.Ports;
using System.Text.Json;
using AiSpm.Application.Configuration;
using AiSpm.Application.Events;
using AiSpm.Application.Remediation.Rotation;
using AiSpm.Cli.Commands;
using AiSpm.Cli.Hosting;
using AiSpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Cli.Tests.Commands;

/// <summary><c>aispm rotations</c> against a running installation's API (here the local server over a dry-run installation).</summary>
public sealed class RotationsCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Key = "rotations-cli-key-0123456789";

    [Fact]
    public async Task Lists_the_rotations_a_scan_started_and_refuses_a_bad_address_key_or_id_with_exit_2()
    {
        await using var harness = await ScanHarness.StartAsync(azurite, settings: new Dictionary<string, string?> { [AppSettingNames.RotationMode] = "DryRun" });
        var engine = await harness.EngineAsync();
        await using var server = await LocalServer.StartAsync(new ServerOptions { Port = 0, ApiKey = Key }, harness.FunctionApp(new ResourceChangeFilter()), engine.Launcher,
            rotations: new LocalRotations(harness.Services.GetRequiredService<RotationRequests>(), engine.Client, harness.Services.GetRequiredService<RotationOptions>()));
        await harness.FullScanAsync();
        await harness.WaitIdleAsync();

        var (listed, output, _) = await CliRunner.RunAsync("rotations", "--url", server.BaseUri.AbsoluteUri, "--key", Key, "--json");
        var rotations = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var (table, tableOutput, _) = await CliRunner.RunAsync("rotations", "--url", server.BaseUri.AbsoluteUri, "--key", Key);
        var (wrongKey, _, wrongKeyError) = await CliRunner.RunAsync("rotations", "--url", server.BaseUri.AbsoluteUri, "--key", "not-the-key-0123456789");
        var (badUrl, _, badUrlError) = await CliRunner.RunAsync("rotations", "--url", "http://example.com/", "--key", Key);
        var (unknown, _, unknownError) = await CliRunner.RunAsync("rotations", "terminate", "rotation-0000000000000000-0000000000000000", "--url", server.BaseUri.AbsoluteUri, "--key", Key);
        var (ended, _, endedError) = await CliRunner.RunAsync("rotations", "terminate", rotations[0].GetProperty("instanceId").GetString()!, "--url", server.BaseUri.AbsoluteUri, "--key", Key);

        Assert.Equal(ExitCodes.Success, listed);
        // One rotation per exposed key the scan attributed to an account or search service of the demo tenant.
        var attributed = await harness.Findings.QueryAllAsync(new AiSpm.Core.Findings.FindingQuery(Status: AiSpm.Core.Findings.FindingStatus.Open, RuleId: "AISPM-3001"))
            .CountAsync(f => f.Finding.Evidence.ContainsKey("account"));
        Assert.True(attributed >= 2);
        Assert.Equal(attributed, rotations.Count);
        DocumentedContract.AssertJsonShape("aispm rotations --json", rotations);
        Assert.All(rotations, r => Assert.Equal(("DryRun", "done", "Planned", "Completed"),
            (r.GetProperty("flow").GetString(), r.GetProperty("step").GetString(), r.GetProperty("outcome").GetString(), r.GetProperty("runtimeStatus").GetString())));
        Assert.Equal(ExitCodes.Success, table);
        Assert.Contains("oai-contoso-prod-swc", tableOutput, StringComparison.Ordinal);
        Assert.Contains($"{attributed} rotations.", tableOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ConfigurationError, wrongKey);
        Assert.Contains("401", wrongKeyError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ConfigurationError, badUrl);
        Assert.Contains("--url", badUrlError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ConfigurationError, unknown);
        Assert.Contains("404", unknownError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ConfigurationError, ended);
        Assert.Contains("409", endedError, StringComparison.Ordinal);
    }
}
