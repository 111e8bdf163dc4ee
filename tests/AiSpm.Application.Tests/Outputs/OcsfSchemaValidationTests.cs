using AiSpm.Testing;
using System.Text.Json.Nodes;
using AiSpm.Core.Findings;
using AiSpm.Core.Suppressions;
using AiSpm.Cli.Commands;
using AiSpm.Application.Outputs;

namespace AiSpm.Application.Tests.Outputs;

/// <summary>
/// OCSF Detection Finding events held to the JSON Schema generated from OCSF 1.4.0 with the cloud profile
/// (Outputs/Schemas/README.md): the scan output and every lifecycle state the writer emits (the evidence export's file
/// is validated in EvidenceExportTests).
/// </summary>
public sealed class OcsfSchemaValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    private static async Task<string> ScanAsync()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("scan", "--fixture", "demo-tenant", "--output", "ocsf");
        Assert.True(exitCode == ExitCodes.Success, error);
        return output;
    }

    private static Finding Finding(string resourceId, string? fingerprint = null) => new()
    {
        Key = new FindingKey(fingerprint is null ? "AISPM-1001" : "AISPM-3001", resourceId, fingerprint is null ? null : "app-setting:OPENAI_KEY"),
        Severity = fingerprint is null ? Severity.High : Severity.Critical,
        Category = fingerprint is null ? "NetworkExposure" : "ExposedCredentials",
        Title = "AI Services and Azure OpenAI accounts are not open to the internet",
        Detail = "publicNetworkAccess is Enabled with no network rules",
        Evidence = new Dictionary<string, string> { ["publicNetworkAccess"] = "Enabled" },
        SecretFingerprint = fingerprint,
        SecretHint = fingerprint is null ? null : "sk-…9f",
    };

    [Fact]
    public async Task Every_event_of_the_demo_scan_validates_against_the_ocsf_1_4_0_detection_finding_schema()
    {
        var events = await ScanAsync();

        var report = await OutputValidators.AgainstSchemaAsync(OutputValidators.OcsfDetectionFindingSchema, events, each: true);

        Assert.True(JsonNode.Parse(events)!.AsArray().Count > 100);
        Assert.True(report.Valid, report.ToString());
    }

    [Fact]
    public async Task Created_updated_suppressed_reopened_and_closed_findings_all_validate()
    {
        const string account = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a";
        var suppression = new Suppression("x", "s", "Accepted until the private endpoint lands", "alice@contoso.com", Now.AddDays(-1), Now.AddDays(30));
        var events = new JsonArray(
            OcsfWriter.ToDetectionFinding(new StoredFinding(Finding(account), FindingStatus.Open, Now, Now, "scan-1", null, 0), null, Now),
            OcsfWriter.ToDetectionFinding(new StoredFinding(Finding(account), FindingStatus.Open, Now.AddDays(-3), Now, "scan-2", null, 0), suppression, Now),
            OcsfWriter.ToDetectionFinding(new StoredFinding(Finding(account), FindingStatus.Open, Now.AddDays(-3), Now, "scan-2", null, 2), null, Now),
            OcsfWriter.ToDetectionFinding(new StoredFinding(Finding(account), FindingStatus.Resolved, Now.AddDays(-3), Now.AddDays(-1), "scan-3", Now, 0), null, Now),
            OcsfWriter.ToDetectionFinding(new StoredFinding(Finding("graph:/servicePrincipals/3f2a", fingerprint: "hmac:ab12"), FindingStatus.Open, Now, Now, "scan-1", null, 0), null, Now));

        var report = await OutputValidators.AgainstSchemaAsync(OutputValidators.OcsfDetectionFindingSchema, events.ToJsonString(), each: true);

        Assert.True(report.Valid, report.ToString());
        Assert.Equal([1, 2, 2, 3, 1], events.Select(e => e!["activity_id"]!.GetValue<int>()));
        Assert.Equal([1, 3, 1, 4, 1], events.Select(e => e!["status_id"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("no finding uid", "/finding_info")]
    [InlineData("unknown attribute", "")]
    [InlineData("severity 42", "/severity_id")]
    [InlineData("class 2005", "/class_uid")]
    [InlineData("type_uid of another activity", "/type_uid")]
    [InlineData("no cloud profile", "/metadata/profiles")]
    [InlineData("no cloud", "")]
    [InlineData("status 6", "/status_id")]
    [InlineData("resource without name or uid", "/resources/0")]
    [InlineData("time as text", "/time")]
    public async Task The_schema_rejects_an_event_that_breaks_ocsf(string change, string path)
    {
        var events = JsonNode.Parse(await ScanAsync())!.AsArray();
        var e = events[0]!.AsObject();
        switch (change)
        {
            case "no finding uid": e["finding_info"]!.AsObject().Remove("uid"); break;
            case "unknown attribute": e["aispm_rule"] = "AISPM-1001"; break;
            case "severity 42": e["severity_id"] = 42; break;
            case "class 2005": e["class_uid"] = 2005; break;
            case "type_uid of another activity": e["type_uid"] = (e["class_uid"]!.GetValue<int>() * 100) + 3; break;
            case "no cloud profile": e["metadata"]!["profiles"] = new JsonArray(); break;
            case "no cloud": e.Remove("cloud"); break;
            case "status 6": e["status_id"] = 6; break;
            case "resource without name or uid": e["resources"] = new JsonArray(new JsonObject { ["type"] = "microsoft.cognitiveservices/accounts" }); break;
            case "time as text": e["time"] = "2026-11-22T06:00:00Z"; break;
        }

        var report = await OutputValidators.AgainstSchemaAsync(OutputValidators.OcsfDetectionFindingSchema, new JsonArray(e.DeepClone()).ToJsonString(), each: true);

        Assert.False(report.Valid, change);
        Assert.Contains(report.Errors, error => error.Contains($"path={path}", StringComparison.Ordinal));
    }
}
