using AiSpm.Testing;
using System.Text.Json;
using AiSpm.Core.Rules;
using AiSpm.Cli.Commands;
using AiSpm.Application.Outputs;

namespace AiSpm.Application.Tests.Outputs;

/// <summary><c>aispm scan --output sarif|ocsf</c> on the demo tenant: the documents parse back and carry the required properties.</summary>
public sealed class ScanOutputFormatTests
{
    private static readonly string[] SarifLevels = ["error", "warning", "note", "none"];

    private static async Task<(JsonDocument Document, JsonDocument Findings)> ScanAsync(string format)
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--output", format);
        Assert.True(exitCode == ExitCodes.Success, error);
        var (_, json, _) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--output", "json");
        return (JsonDocument.Parse(output), JsonDocument.Parse(json));
    }

    [Fact]
    public async Task Sarif_output_is_a_2_1_0_log_with_the_catalogue_as_rules_and_one_result_per_finding()
    {
        var (sarif, json) = await ScanAsync("sarif");
        using var sarifDocument = sarif;
        using var jsonDocument = json;

        var root = sarif.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Contains("sarif", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("AiSpm", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(RuleCatalog.BuiltIn.Rules.Select(r => r.Descriptor.Id), rules.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rules, r =>
        {
            Assert.Contains($"docs/rules/{r.GetProperty("id").GetString()}.md", r.GetProperty("help").GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.False(r.TryGetProperty("helpUri", out _), "helpUri must be absolute, so it is written only with --rule-docs-url");
            Assert.False(string.IsNullOrEmpty(r.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.True(double.TryParse(r.GetProperty("properties").GetProperty("security-severity").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        });

        var results = run.GetProperty("results").EnumerateArray().ToList();
        var expected = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(expected.Count, results.Count);
        Assert.Equal(expected.Select(f => f.GetProperty("id").GetString()).Order(), results.Select(r => r.GetProperty("partialFingerprints").GetProperty(SarifWriter.FingerprintKey).GetString()).Order());
        Assert.All(results, r =>
        {
            var ruleIndex = r.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(r.GetProperty("ruleId").GetString(), rules[ruleIndex].GetProperty("id").GetString());
            Assert.Contains(r.GetProperty("level").GetString(), SarifLevels);
            Assert.False(string.IsNullOrEmpty(r.GetProperty("message").GetProperty("text").GetString()));
            var location = Assert.Single(Assert.Single(r.GetProperty("locations").EnumerateArray()).GetProperty("logicalLocations").EnumerateArray());
            var name = location.GetProperty("fullyQualifiedName").GetString()!;
            Assert.True(name.StartsWith("/subscriptions/", StringComparison.Ordinal) || name.StartsWith("graph:/", StringComparison.Ordinal) || name.StartsWith("powerplatform:/", StringComparison.Ordinal), name);
            Assert.Equal("resource", location.GetProperty("kind").GetString());
        });
        Assert.Contains(results, r => r.GetProperty("level").GetString() == "error");
    }

    [Fact]
    public async Task Ocsf_output_is_an_array_of_detection_findings_keyed_by_finding_id()
    {
        var (ocsf, json) = await ScanAsync("ocsf");
        using var ocsfDocument = ocsf;
        using var jsonDocument = json;

        var events = ocsf.RootElement.EnumerateArray().ToList();
        var expected = json.RootElement.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        Assert.Equal(expected.Count, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(2004, e.GetProperty("class_uid").GetInt32());
            Assert.Equal(2, e.GetProperty("category_uid").GetInt32());
            Assert.Equal(200401, e.GetProperty("type_uid").GetInt32());
            Assert.Equal(1, e.GetProperty("activity_id").GetInt32());
            Assert.True(e.GetProperty("time").GetInt64() > 0);
            var info = e.GetProperty("finding_info");
            var source = expected[info.GetProperty("uid").GetString()!];
            Assert.False(string.IsNullOrEmpty(info.GetProperty("title").GetString()));
            Assert.Equal(source.GetProperty("ruleId").GetString(), info.GetProperty("analytic").GetProperty("uid").GetString());
            var severityId = e.GetProperty("severity_id").GetInt32();
            Assert.Equal(source.GetProperty("severity").GetString() switch { "Critical" => 5, "High" => 4, "Medium" => 3, "Low" => 2, _ => 1 }, severityId);
            var resource = Assert.Single(e.GetProperty("resources").EnumerateArray());
            Assert.Equal(source.GetProperty("resourceId").GetString(), resource.GetProperty("uid").GetString());
            var metadata = e.GetProperty("metadata");
            Assert.Equal(OcsfWriter.SchemaVersion, metadata.GetProperty("version").GetString());
            Assert.Contains("cloud", metadata.GetProperty("profiles").EnumerateArray().Select(p => p.GetString()));
            Assert.Equal("AiSpm", metadata.GetProperty("product").GetProperty("name").GetString());
            Assert.False(string.IsNullOrEmpty(metadata.GetProperty("product").GetProperty("vendor_name").GetString()));
            Assert.Equal("Azure", e.GetProperty("cloud").GetProperty("provider").GetString());
        });
    }

    [Theory]
    [InlineData("/subscriptions/s/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/a/deployments/d", "microsoft.cognitiveservices/accounts/deployments", "d")]
    [InlineData("/subscriptions/s/resourceGroups/r/providers/Microsoft.Search/searchServices/x", "microsoft.search/searchservices", "x")]
    [InlineData("graph:/servicePrincipals/123", "graph/serviceprincipals", "123")]
    [InlineData("powerplatform:/environments/e1/bots/b1", "powerplatform/bots", "b1")]
    public void Resource_ids_split_into_type_and_name(string id, string type, string name)
    {
        Assert.Equal(type, ResourceIdParts.TypeOf(id));
        Assert.Equal(name, ResourceIdParts.NameOf(id));
    }

    [Fact]
    public void An_agent_finding_is_shown_by_the_agent_name_and_others_by_the_last_segment()
    {
        AiSpm.Core.Findings.Finding Of(string id, Dictionary<string, string> evidence) => new()
        {
            Key = new AiSpm.Core.Findings.FindingKey("AISPM-2041", id, null),
            Severity = AiSpm.Core.Findings.Severity.High,
            Category = "Copilot",
            Title = "t",
            Evidence = evidence,
        };

        Assert.Equal("IT Requests", ResourceIdParts.DisplayNameOf(Of("powerplatform:/environments/e1/bots/b1", new() { ["agent"] = "IT Requests" })));
        Assert.Equal("b1", ResourceIdParts.DisplayNameOf(Of("powerplatform:/environments/e1/bots/b1", new())));
        Assert.Equal("acct", ResourceIdParts.DisplayNameOf(Of("/subscriptions/s/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/acct", new() { ["agent"] = "not used" })));
    }
}
