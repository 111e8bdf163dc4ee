using AiSpm.Testing;
using AiSpm.Cli.Emulation;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiSpm.Core.Compliance;
using AiSpm.Core.Findings;
using AiSpm.Core.Scans;
using AiSpm.Cli.Commands;
using AiSpm.Application.Reports;
using AiSpm.Application.Scanning;

namespace AiSpm.Application.Tests.Reports;

/// <summary>The HTML report: self-contained, with its charts and sections, values encoded, no secrets.</summary>
public sealed partial class HtmlReportTests
{
    [GeneratedRegex("""(?:src|href)\s*=\s*["']?(?:https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [Fact]
    public async Task The_report_of_the_demo_tenant_is_one_offline_file_with_charts_frameworks_inventory_and_no_keys()
    {
        var folder = Directory.CreateTempSubdirectory("aispm-report-");
        try
        {
            var path = Path.Combine(folder.FullName, "report.html");

            var (exitCode, output, error) = await CliRunner.RunAsync("report", "--fixture", "demo-tenant", "--out", path);
            var html = await File.ReadAllTextAsync(path);

            Assert.True(exitCode == ExitCodes.Success, error);
            Assert.Contains("Report written", output, StringComparison.Ordinal);
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.True(Regex.Count(html, "<svg") >= 4 + ComplianceFrameworks.All.Count);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(ExternalReference(), html);
            Assert.All(ComplianceFrameworks.All, f => Assert.Contains(System.Net.WebUtility.HtmlEncode(f.Name), html, StringComparison.Ordinal));
            Assert.Contains("oai-sandbox-playground", html, StringComparison.Ordinal);
            Assert.Contains("Not assessed", html, StringComparison.Ordinal);
            // One drawn path per open attack path of the scan (the one-shot scan of the same tenant decides them alike).
            var (_, scanJson, _) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--output", "json");
            var paths = JsonNode.Parse(scanJson)!["findings"]!.AsArray().Where(f => f!["ruleId"]!.GetValue<string>().StartsWith("AISPM-4", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(paths);
            Assert.Contains($"<h2 id=\"attack-paths\">Attack paths ({paths.Count})</h2>", html, StringComparison.Ordinal);
            Assert.Equal(paths.Count, Regex.Count(html, "<figure class=\"attack-path\">"));
            Assert.Equal(paths.Count, Regex.Count(html, "<svg class=\"path\""));
            Assert.Contains(">func-contoso-summarizer</text>", html, StringComparison.Ordinal);
            Assert.Contains(">consumes-key-of</text>", html, StringComparison.Ordinal);
            var keys = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(FixtureLocator.Resolve("demo-tenant"), "arm", "listKeys.json")))!.AsObject()
                .SelectMany(account => account.Value!.AsObject().Select(k => k.Value!.GetValue<string>()));
            Assert.All(keys, key => Assert.DoesNotContain(key, html, StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Values_are_html_encoded()
    {
        var now = DateTimeOffset.UtcNow;
        var finding = new Finding
        {
            Key = new FindingKey("AISPM-1001", "/subscriptions/s/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/<b>x</b>"),
            Severity = Severity.High,
            Category = "NetworkExposure",
            Title = "t",
            Detail = "<script>alert(1)</script>",
        };
        var model = new ReportModel(now, [new StoredFinding(finding, FindingStatus.Open, now, now, "scan", null, 0)], 0, [],
            [new ScanRun { RunId = "scan", Trigger = "test", StartedAt = now, CompletedAt = now, SummaryJson = "{\"openBySeverity\":{\"High\":1}}" }],
            new ComplianceEvaluator().Evaluate([finding]));

        var html = HtmlReport.Render(model);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x</b>", html, StringComparison.Ordinal);
    }
}
