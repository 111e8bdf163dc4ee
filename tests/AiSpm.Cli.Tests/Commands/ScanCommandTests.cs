using AiSpm.Testing;
using System.Text.Json;
using AiSpm.Core.Rules;
using AiSpm.Cli.Commands;

namespace AiSpm.Cli.Tests.Commands;

public sealed class ScanCommandTests
{
    [Fact]
    public async Task Offline_scan_of_the_demo_tenant_prints_json_findings_with_coverage_and_calls()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--output", "json");

        Assert.True(exitCode == ExitCodes.Success, error);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(3, root.GetProperty("subscriptions").GetArrayLength());
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "AISPM-1001"
            && f.GetProperty("resourceId").GetString()!.EndsWith("/accounts/oai-sandbox-playground", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.GetProperty("resourceId").GetString()!.EndsWith("/accounts/oai-contoso-prod-eus2", StringComparison.Ordinal)
            && f.GetProperty("ruleId").GetString() == "AISPM-1001");
        // The two gaps: the dev search service takes keys only, so its data plane refuses the installation's Entra token;
        // the sales sandbox's Dataverse has no application user for AiSpm.
        var gaps = root.GetProperty("coverage").GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, gaps.Count);
        Assert.Contains(gaps, g => g.GetProperty("scope").GetString()!.EndsWith("/searchServices/srch-contoso-dev", StringComparison.Ordinal) && g.GetProperty("status").GetInt32() == 403);
        Assert.Contains(gaps, g => g.GetProperty("scope").GetString() == "dataverse Contoso Sales Sandbox" && g.GetProperty("status").GetInt32() == 403);
        // The agents of the HR environment are judged in the same scan.
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "AISPM-2046" && f.GetProperty("resourceId").GetString()!.StartsWith("powerplatform:/environments/", StringComparison.Ordinal));
        // One query for the AI resources, two for credential sources (apps and container apps; resource groups), and for
        // attack paths one for the role assignments of the identities AI resources run as and one for Defender AI alerts,
        // and one for the storage accounts the datastores and connections read.
        Assert.Equal(6, root.GetProperty("calls").GetProperty("resourcegraph").GetInt32());
        Assert.All(findings, f => Assert.NotNull(RuleCatalog.BuiltIn.Find(f.GetProperty("ruleId").GetString()!)));
        DocumentedContract.AssertJsonShape("aispm scan --output json", [root]);
    }

    [Fact]
    public async Task Fail_on_turns_findings_into_exit_code_one()
    {
        var (exitCode, _, _) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--output", "csv", "--fail-on", "high");

        Assert.Equal(ExitCodes.FindingsAtThreshold, exitCode);
    }

    [Fact]
    public async Task Csv_output_has_a_header_and_one_line_per_finding()
    {
        var (_, csv, _) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--output", "csv");
        var (_, json, _) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--output", "json");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var document = JsonDocument.Parse(json);
        Assert.StartsWith("severity,rule_id,category,resource_id", lines[0], StringComparison.Ordinal);
        Assert.Equal(document.RootElement.GetProperty("findings").GetArrayLength(), lines.Length - 1);
    }

    [Fact]
    public async Task A_policy_file_shapes_the_scan_and_exempted_findings_do_not_fail_the_gate()
    {
        var file = Path.Combine(Path.GetTempPath(), $"aispm-scan-policy-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, $"""
            version: 1
            baseline: AiSpm.Strict
            rules:
              disable: [AISPM-1005]
            exemptions:
              - id: EX-SANDBOX
                rules: ["*"]
                scope: {"{"} subscription: 6f1c0a00-0000-4000-8000-000000000003 {"}"}
                justification: Sandbox subscription
                owner: platform
                expires: {DateTimeOffset.UtcNow.AddDays(30):yyyy-MM-dd}
            """);
        try
        {
            var (exitCode, output, error) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--output", "json", "--policy", file);

            Assert.True(exitCode == ExitCodes.Success, error);
            using var document = JsonDocument.Parse(output);
            var root = document.RootElement;
            Assert.Equal("AiSpm.Strict", root.GetProperty("policy").GetProperty("baseline").GetString());
            Assert.Equal(file, root.GetProperty("policy").GetProperty("source").GetString());
            var findings = root.GetProperty("findings").EnumerateArray().ToList();
            Assert.DoesNotContain(findings, f => f.GetProperty("ruleId").GetString() == "AISPM-1005");
            Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "AISPM-1004");
            var sandbox = findings.Where(f => f.GetProperty("resourceId").GetString()!.StartsWith("/subscriptions/6f1c0a00-0000-4000-8000-000000000003/", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.NotEmpty(sandbox);
            Assert.All(sandbox, f => Assert.Equal(("Exempted", "EX-SANDBOX"), (f.GetProperty("status").GetString(), f.GetProperty("exemption").GetProperty("id").GetString())));
            Assert.Contains(findings, f => f.GetProperty("status").GetString() == "Open");
            DocumentedContract.AssertJsonShape("aispm scan --output json", [root]);

            // The gate counts open findings only: an exempted Critical never fails it.
            var (gate, _, _) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--output", "csv", "--policy", file, "--fail-on", "critical");
            Assert.Equal(findings.Any(f => f.GetProperty("status").GetString() == "Open" && f.GetProperty("severity").GetString() == "Critical") ? ExitCodes.FindingsAtThreshold : ExitCodes.Success, gate);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_malformed_policy_file_stops_the_scan_with_exit_2_naming_file_line_and_key()
    {
        var file = Path.Combine(Path.GetTempPath(), $"aispm-scan-policy-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "version: 1\nsettings:\n  secretMaxLifetimeDays: forever\n");
        try
        {
            var (exitCode, output, error) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--policy", file);

            Assert.Equal(ExitCodes.ConfigurationError, exitCode);
            Assert.Equal(string.Empty, output);
            Assert.StartsWith($"aispm: {file}:3: settings.secretMaxLifetimeDays: ", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_unknown_baseline_is_a_configuration_error_naming_the_known_ones()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--baseline", "AiSpm.Lenient");

        Assert.Equal(ExitCodes.ConfigurationError, exitCode);
        Assert.Contains("AiSpm.Default, AiSpm.Strict", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_fixture_is_a_configuration_error()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "--fixture", "no-such-tenant");

        Assert.Equal(ExitCodes.ConfigurationError, exitCode);
        Assert.Contains("no-such-tenant", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_fail_on_value_is_refused_by_the_parser()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--fail-on", "severe");

        Assert.Equal(ExitCodes.ConfigurationError, exitCode); // 2, never 1: 1 means findings at the threshold
        Assert.Contains("severe", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscription_that_matches_nothing_gets_a_warning_naming_it()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--subscription", "00000000-0000-4000-8000-00000000dead", "--subscription", "6f1c0a00-0000-4000-8000-000000000001");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("--subscription 00000000-0000-4000-8000-00000000dead matched nothing", error, StringComparison.Ordinal);
        Assert.DoesNotContain("6f1c0a00-0000-4000-8000-000000000001 matched nothing", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("findings", "--nope")]
    [InlineData("no-such-verb")]
    [InlineData("scan", "--fixture")]
    [InlineData("rotations", "terminate")]
    [InlineData("verify")]
    public async Task A_usage_error_exits_2_with_the_parsers_reason_never_the_findings_code(params string[] args)
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.ConfigurationError, exitCode);
        Assert.StartsWith("aispm: ", error, StringComparison.Ordinal);
        Assert.Contains("--help", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task Rules_list_json_carries_every_rule_of_the_catalogue()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("rules", "list", "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        using var document = JsonDocument.Parse(output);
        var ids = document.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(RuleCatalog.BuiltIn.Rules.Select(r => r.Descriptor.Id), ids);
        Assert.All(document.RootElement.EnumerateArray(), r => Assert.True(r.GetProperty("frameworks").GetProperty("nistAiRmf").GetArrayLength() > 0));
        DocumentedContract.AssertJsonShape("aispm rules list --json", document.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task No_planted_secret_is_printed_in_any_output_format()
    {
        var secrets = await PlantedSecrets.InDemoTenantAsync();

        var printed = new System.Text.StringBuilder();
        foreach (var format in new[] { "table", "json", "csv" })
        {
            var (_, output, error) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--output", format);
            printed.Append(output).Append(error);
        }

        Assert.True(secrets.Count >= 5);
        Assert.Contains("AISPM-3001", printed.ToString(), StringComparison.Ordinal);
        Assert.All(secrets, secret => Assert.DoesNotContain(PlantedSecrets.Core(secret), printed.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Key_vault_ai_credentials_without_a_healthy_expiry_are_found_and_others_are_not()
    {
        var (_, output, _) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--output", "json");
        using var document = JsonDocument.Parse(output);

        var flagged = document.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "AISPM-3002")
            .Select(f => f.GetProperty("resourceId").GetString()![(f.GetProperty("resourceId").GetString()!.LastIndexOf('/') + 1)..])
            .Order()
            .ToList();

        // openai-platform-key expires within 30 days; hr-gpt-client-secret never expires; aoai-swc-key has 45 days left;
        // sql-reporting-password has expired but holds no AI credential.
        Assert.Equal(["hr-gpt-client-secret", "openai-platform-key"], flagged);
    }
}
