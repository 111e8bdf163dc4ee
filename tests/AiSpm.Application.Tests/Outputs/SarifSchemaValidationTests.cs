using AiSpm.Testing;
using System.Text.Json.Nodes;
using AiSpm.Cli.Commands;

namespace AiSpm.Application.Tests.Outputs;

/// <summary>
/// <c>aispm scan --output sarif</c> on the demo tenant, held to the SARIF 2.1.0 schema that ships with Microsoft's SARIF
/// Multitool package (validated by ajv) and to the Multitool's own SARIF rules.
/// </summary>
public sealed class SarifSchemaValidationTests
{
    private const string DocsUrl = "https://docs.example.org/aispm/docs/rules/";

    private static async Task<string> ScanAsync(params string[] extra)
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(["scan", "--fixture", "demo-tenant", "--output", "sarif", .. extra]);
        Assert.True(exitCode == ExitCodes.Success, error);
        return output;
    }

    [Fact]
    public async Task The_demo_log_validates_against_the_sarif_2_1_0_schema_with_and_without_a_rule_docs_url()
    {
        var plain = await ScanAsync();
        var linked = await ScanAsync("--rule-docs-url", DocsUrl);

        var plainReport = await OutputValidators.AgainstSchemaAsync(OutputValidators.SarifSchema, plain);
        var linkedReport = await OutputValidators.AgainstSchemaAsync(OutputValidators.SarifSchema, linked);

        Assert.True(plainReport.Valid, plainReport.ToString());
        Assert.True(linkedReport.Valid, linkedReport.ToString());
        var rules = JsonNode.Parse(linked)!["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();
        Assert.All(rules, r => Assert.Equal($"{DocsUrl}{r!["id"]!.GetValue<string>()}.md", r["helpUri"]!.GetValue<string>()));
        Assert.All(JsonNode.Parse(plain)!["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray(), r => Assert.Null(r!["helpUri"]));
    }

    [Fact]
    public async Task The_sarif_multitool_reports_no_errors_on_the_demo_log()
    {
        var results = await OutputValidators.SarifMultitoolAsync(await ScanAsync("--rule-docs-url", DocsUrl));

        Assert.True(results.All(r => r.Level != "error"), string.Join(Environment.NewLine, results.Select(r => $"{r.Level} {r.RuleId} {r.Message}")));
    }

    [Fact]
    public async Task The_schema_check_rejects_a_relative_help_uri_an_unknown_level_and_a_result_without_a_message()
    {
        var log = JsonNode.Parse(await ScanAsync())!;
        var run = log["runs"]![0]!;
        run["tool"]!["driver"]!["rules"]![0]!["helpUri"] = "docs/rules/AISPM-1001.md";
        run["results"]![0]!["level"] = "severe";
        run["results"]![1]!.AsObject().Remove("message");

        var report = await OutputValidators.AgainstSchemaAsync(OutputValidators.SarifSchema, log.ToJsonString());

        Assert.False(report.Valid);
        Assert.Contains(report.Errors, e => e.Contains("/runs/0/tool/driver/rules/0/helpUri", StringComparison.Ordinal) && e.Contains("format", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Contains("/runs/0/results/0/level", StringComparison.Ordinal) && e.Contains("enum", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Contains("/runs/0/results/1", StringComparison.Ordinal) && e.Contains("message", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("docs/rules/")]
    [InlineData("ftp://example.org/rules/")]
    [InlineData("https://example.org/rules/?x=1")]
    public async Task A_rule_docs_url_that_is_not_an_absolute_http_folder_is_refused_by_name(string value)
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--output", "sarif", "--rule-docs-url", value);

        Assert.Equal(ExitCodes.ConfigurationError, exitCode);
        Assert.Contains("--rule-docs-url", error, StringComparison.Ordinal);
        Assert.Contains(value, error, StringComparison.Ordinal);
    }
}
