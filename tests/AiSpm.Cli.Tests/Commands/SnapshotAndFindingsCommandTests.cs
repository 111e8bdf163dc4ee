using System.Text.Json;
using AiSpm.Cli.Commands;
using AiSpm.Testing;

namespace AiSpm.Cli.Tests.Commands;

public sealed class SnapshotAndFindingsCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static HashSet<string> AzureFindings(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("resourceId").GetString()!.StartsWith("/subscriptions/", StringComparison.Ordinal))
            // Snapshots hold no setting values or vault secrets, by design: no exposed keys, so no paths through them either.
            .Where(f => f.GetProperty("ruleId").GetString() is not ("AISPM-3001" or "AISPM-3002") && !f.GetProperty("ruleId").GetString()!.StartsWith("AISPM-4", StringComparison.Ordinal))
            .Select(f => f.GetProperty("id").GetString()!)
            .ToHashSet();
    }

    [Fact]
    public async Task A_snapshot_replays_offline_to_the_same_azure_findings_and_holds_no_keys()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aispm-snap-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var (snapExit, _, snapError) = await CliRunner.RunAsync("snapshot", "--fixture", "demo-tenant", "--out", folder);
            var (_, original, _) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--output", "json");
            var (replayExit, replay, replayError) = await CliRunner.RunAsync("scan", "--fixture", folder, "--output", "json");

            Assert.True(snapExit == ExitCodes.Success, snapError);
            Assert.True(replayExit == ExitCodes.Success, replayError);
            Assert.Equal(AzureFindings(original).Order(), AzureFindings(replay).Order());
            Assert.True(File.Exists(Path.Combine(folder, "arm", "models.json")), "the Models API lists the scan read are captured, so the retirement rules replay alike");
            Assert.False(File.Exists(Path.Combine(folder, "arm", "listKeys.json")));
            Assert.False(File.Exists(Path.Combine(folder, "arm", "appSettings.json")));
            Assert.DoesNotContain("AISPM-3001", replay, StringComparison.Ordinal);
            var captured = string.Concat(Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Select(File.ReadAllText));
            Assert.DoesNotContain("JQQJ99", captured, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Snapshot_refuses_a_folder_that_is_not_empty()
    {
        var folder = Directory.CreateTempSubdirectory("aispm-full-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "keep.txt"), "x");

        var (exitCode, _, error) = await CliRunner.RunAsync("snapshot", "--fixture", "demo-tenant", "--out", folder);

        Assert.Equal(ExitCodes.ConfigurationError, exitCode);
        Assert.Contains("not empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findings_verb_validates_filters_and_reads_an_installation()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        await harness.FullScanAsync();
        var prefix = harness.Tables.Prefix;
        var (badExit, _, badError) = await CliRunner.RunAsync("findings", "--connection-string", azurite.ConnectionString, "--table-prefix", prefix, "--severity", "urgent");
        var (okExit, output, error) = await CliRunner.RunAsync("findings", "--connection-string", azurite.ConnectionString, "--table-prefix", prefix, "--severity", "high", "--json");

        Assert.Equal(ExitCodes.ConfigurationError, badExit);
        Assert.NotEmpty(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("urgent", badError, StringComparison.Ordinal);
        Assert.True(okExit == ExitCodes.Success, error);
        Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains(JsonDocument.Parse(line).RootElement.GetProperty("severity").GetString(), new[] { "High", "Critical" }));
        // One casing: every key camelCase (title, detail, firstSeen… were PascalCase beside id and ruleId).
        Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.All(JsonDocument.Parse(line).RootElement.EnumerateObject(),
            property => Assert.True(char.IsLower(property.Name[0]), property.Name)));
        Assert.Contains("\"firstSeen\":", output, StringComparison.Ordinal);
        DocumentedContract.AssertJsonShape("aispm findings --json", output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement));
    }

    [Fact]
    public async Task Findings_verb_lists_what_was_resolved_since_a_date()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        await harness.FullScanAsync();
        const string account = "/subscriptions/6f1c0a00-0000-4000-8000-000000000003/resourceGroups/rg-sandbox/providers/Microsoft.CognitiveServices/accounts/oai-sandbox-playground";
        await new AiSpm.Connectors.Arm.ArmRestClient(harness.Tenant.ConnectArm()).PatchAsync(account, "2024-10-01",
            new { properties = new { publicNetworkAccess = "Disabled", networkAcls = new { defaultAction = "Deny" } } });
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await harness.ResourceScanAsync(account);
        var prefix = harness.Tables.Prefix;

        var (exitCode, output, error) = await CliRunner.RunAsync("findings", "--connection-string", azurite.ConnectionString, "--table-prefix", prefix, "--resolved-since", before.ToString("O"), "--json");
        var (futureExit, future, _) = await CliRunner.RunAsync("findings", "--connection-string", azurite.ConnectionString, "--table-prefix", prefix, "--resolved-since", "2099-01-01", "--json");
        var (badExit, _, badError) = await CliRunner.RunAsync("findings", "--connection-string", azurite.ConnectionString, "--table-prefix", prefix, "--resolved-since", "last week");

        Assert.True(exitCode == ExitCodes.Success, error);
        var resolved = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(resolved, f => f.GetProperty("ruleId").GetString() == "AISPM-1001");
        Assert.All(resolved, f => Assert.Equal("Resolved", f.GetProperty("status").GetString()));
        Assert.Equal(ExitCodes.Success, futureExit);
        Assert.Empty(future.Trim());
        Assert.Equal(ExitCodes.ConfigurationError, badExit);
        Assert.Contains("--resolved-since", badError, StringComparison.Ordinal);
    }
}
