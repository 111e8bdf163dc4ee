using System.Text.Json;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Cli.Tests.Commands;

/// <summary>
/// <c>aispm collect copilot-admin</c> against the emulator, whose Graph serves the Copilot admin settings and catalogue
/// to signed-in users only (as Microsoft Graph does): the import is stored; the next scheduled (app-only) run evaluates
/// AISPM-2032/2033 from it; a month later the same checks are undecided ("import is stale") and resolve nothing; the
/// administrator's token is in no stored row, queue message or output.
/// </summary>
public sealed class CollectCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string LimitedMode = "graph:/copilot/admin/settings/limitedMode";

    [Fact]
    public async Task An_import_feeds_the_scheduled_run_until_it_is_stale_and_its_token_is_written_nowhere()
    {
        var clock = new ShiftedClock();
        await using var harness = await ScanHarness.StartAsync(azurite, configure: s => s.AddSingleton<TimeProvider>(clock));
        var server = harness.Tenant.Server;

        var (exit, output, error) = await CollectAsync(harness, "--json");

        Assert.True(exit == 0, error);
        using var summary = JsonDocument.Parse(output);
        Assert.Equal("admin@contoso.example", summary.RootElement.GetProperty("importedBy").GetString());
        Assert.True(summary.RootElement.GetProperty("limitedMode").GetBoolean());
        Assert.True(summary.RootElement.GetProperty("packages").GetInt32() > 0);

        var first = await harness.FullScanAsync();
        var limited = await FindingAsync(harness, "AISPM-2033", LimitedMode);
        var packages = (await harness.Findings.QueryAsync(new FindingQuery(RuleId: "AISPM-2032", PageSize: 1000))).Findings;
        Assert.Equal(FindingStatus.Open, limited.Status);
        Assert.Equal("admin@contoso.example", limited.Finding.Evidence["importedBy"]);
        Assert.Equal("0", limited.Finding.Evidence["importAgeDays"]);
        Assert.Contains(packages, p => p.Status == FindingStatus.Open && p.Finding.Evidence["source"] == "aispm collect copilot-admin");

        // The canary: the delegated token the emulator was sent is nowhere in what the installation keeps or printed.
        var tokens = server.Stats.DelegatedTokens;
        Assert.NotEmpty(tokens);
        var stored = await harness.StoredTextAsync();
        Assert.Contains("copilot-admin.imported", stored, StringComparison.Ordinal);
        Assert.All(tokens, token =>
        {
            Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(token, output + error, StringComparison.Ordinal);
        });

        // A month on, nobody imported again: the checks are undecided, so the run neither re-observes nor resolves them.
        clock.Offset = TimeSpan.FromDays(31);
        var second = await harness.FullScanAsync();
        var staleLimited = await FindingAsync(harness, "AISPM-2033", LimitedMode);
        var stalePackages = (await harness.Findings.QueryAsync(new FindingQuery(RuleId: "AISPM-2032", PageSize: 1000))).Findings;
        var directoryFindings = (await harness.Findings.QueryAsync(new FindingQuery(RuleId: "AISPM-2002", PageSize: 1000))).Findings;

        Assert.Equal(FindingStatus.Open, staleLimited.Status);
        Assert.Equal(first.RunId, staleLimited.LastScanId);
        Assert.All(stalePackages, p => Assert.Equal((FindingStatus.Open, first.RunId), (p.Status, p.LastScanId)));
        Assert.Equal(packages.Count, stalePackages.Count);
        Assert.Contains(directoryFindings, f => f.LastScanId == second.RunId);
    }

    [Fact]
    public async Task A_user_without_the_copilot_admin_role_imports_nothing_and_is_told_why()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var server = harness.Tenant.Server;
        server.Faults.Replace([new AiSpm.Emulator.Faults.FaultRule { Service = AiSpm.Emulator.Hosting.EmulatorService.Graph, PathContains = "/copilot/admin/", Kind = AiSpm.Emulator.Faults.FaultKind.Forbidden }]);

        var (exit, _, error) = await CollectAsync(harness);

        Assert.Equal(3, exit);
        Assert.Contains("nothing imported", error, StringComparison.Ordinal);
        Assert.Contains("CopilotSettings-LimitedMode.Read", error, StringComparison.Ordinal);
        Assert.Null(await harness.Services.GetRequiredService<ICopilotAdminImportStore>().LatestAsync());
    }

    [Fact]
    public async Task A_part_answered_with_a_broken_body_is_named_and_the_other_part_is_stored()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var server = harness.Tenant.Server;
        server.Faults.Replace([new AiSpm.Emulator.Faults.FaultRule { Service = AiSpm.Emulator.Hosting.EmulatorService.Graph, PathContains = "/copilot/admin/settings/limitedMode", Kind = AiSpm.Emulator.Faults.FaultKind.TruncatedBody }]);

        var (exit, output, error) = await CollectAsync(harness);
        var stored = await harness.Services.GetRequiredService<ICopilotAdminImportStore>().LatestAsync();

        Assert.True(exit == 0, error);
        Assert.Contains("Teams meetings limited mode: not read (the answer could not be read", output, StringComparison.Ordinal);
        Assert.Null(stored!.LimitedMode);
        Assert.NotEmpty(stored.Packages!);
    }

    [Theory]
    [InlineData("--credential", "password", "--credential must be devicecode or azurecli, not 'password'")]
    [InlineData("--client-id", "graph-cli", "--client-id must be an application (client) id")]
    [InlineData("--emulator-url", "http://127.0.0.1:5443/", "--emulator-url and --emulator-thumbprint go together")]
    [InlineData("--emulator-user", "admin", "--emulator-user must be a user principal name")]
    public async Task A_bad_option_is_one_line_naming_it_and_exit_2(string option, string value, string message)
    {
        var (exit, _, error) = await CliRunner.RunAsync("collect", "copilot-admin", option, value);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    /// <summary><c>aispm collect copilot-admin</c> against the harness's emulator, into the harness's installation.</summary>
    private Task<(int ExitCode, string Output, string Error)> CollectAsync(ScanHarness harness, params string[] more) =>
        CliRunner.RunAsync([
            "collect", "copilot-admin", "--emulator-url", harness.Tenant.Server.BaseUri.AbsoluteUri, "--emulator-thumbprint", harness.Tenant.Server.CertificateThumbprint,
            "--connection-string", azurite.ConnectionString, "--table-prefix", harness.Tables.Prefix, .. more,
        ]);

    private static async Task<StoredFinding> FindingAsync(ScanHarness harness, string ruleId, string resourceId) =>
        (await harness.Findings.QueryAsync(new FindingQuery(RuleId: ruleId, PageSize: 1000))).Findings.Single(f => f.Finding.Key.ResourceId == resourceId);
}
