using AiSpm.Core.Ports;
using AiSpm.Cli.Emulation;
using Microsoft.Extensions.DependencyInjection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiSpm.Core.Audit;
using AiSpm.Core.Findings;
using AiSpm.Core.Suppressions;
using AiSpm.Cli.Commands;
using AiSpm.Application.Events;
using AiSpm.Application.Exports;
using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using AiSpm.Cli.Hosting;
using AiSpm.Application.Scanning;
using AiSpm.Testing;

namespace AiSpm.Application.Tests.Exports;

/// <summary>The evidence ZIP of a scanned demo tenant: its layout, verification, and tampering caught by file and by audit entry.</summary>
public sealed class EvidenceExportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task<(byte[] Zip, StoredFinding Suppressed)> ExportScannedDemoAsync(ScanHarness harness)
    {
        var runtime = harness;
        await runtime.FullScanAsync();
        var page = await runtime.Findings.QueryAsync(new FindingQuery(Status: FindingStatus.Open, PageSize: 1000));
        var target = page.Findings.First(f => f.Finding.Severity == Severity.Medium);
        var now = DateTimeOffset.UtcNow;
        await runtime.Suppressions.SaveAsync(new Suppression(target.Finding.Key.Id, target.Finding.Key.Scope, "Sandbox account, no customer data; review in Q1.", "alice@contoso.example", now, now.AddDays(30)));
        await runtime.Audit.AppendAsync(new AuditRecord("alice@contoso.example", "finding.suppressed", target.Finding.Key.Id, "{\"days\":30}"));
        await runtime.Audit.AppendAsync(new AuditRecord("aispm", "scan.completed", "run", "{}"));
        await runtime.Audit.AppendAsync(new AuditRecord("aispm", "export.created", "evidence", "{}"));
        using var zip = new MemoryStream();
        await runtime.Services.GetRequiredService<EvidenceExporter>().ExportAsync(zip);
        return (zip.ToArray(), target);
    }

    private static Task<EvidenceVerification> VerifyAsync(byte[] zip) => EvidenceVerifier.VerifyAsync(new MemoryStream(zip));

    [Fact]
    public async Task An_export_holds_every_file_in_the_manifest_and_verifies()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var (zip, suppressed) = await ExportScannedDemoAsync(harness);

        var files = ZipEdit.Read(zip);
        var verification = await VerifyAsync(zip);

        Assert.True(verification.IsValid, string.Join("\n", verification.Problems));
        Assert.Equal(4, verification.AuditEntries); // the run's policy.applied and the three the test appends
        string[] expected = ["findings.csv", "findings.ocsf.json", "inventory.json", "aibom.cdx.json", "suppressions.json", "scan-runs.json", "audit.json", "policy.json", "manifest.json",
            "compliance/nist-ai-rmf.json", "compliance/iso-42001.json", "compliance/eu-ai-act.json", "compliance/owasp-llm-2025.json", "compliance/mitre-atlas.json"];
        Assert.Equal(expected.Order(), files.Keys.Order());
        Assert.Equal(files.Count - 1, verification.FilesChecked);

        var manifest = JsonNode.Parse(files["manifest.json"])!;
        Assert.Equal("AiSpm", manifest["tool"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(manifest["toolVersion"]!.GetValue<string>()));
        Assert.All(manifest["files"]!.AsArray(), f => Assert.Equal(64, f!["sha256"]!.GetValue<string>().Length));

        var csv = Encoding.UTF8.GetString(files["findings.csv"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ocsf = JsonNode.Parse(files["findings.ocsf.json"])!.AsArray();
        Assert.Equal(csv.Length - 1, ocsf.Count);
        Assert.Contains(ocsf, e => e!["finding_info"]!["uid"]!.GetValue<string>() == suppressed.Finding.Key.Id && e["status_id"]!.GetValue<int>() == 3);

        var suppressions = JsonNode.Parse(files["suppressions.json"])!.AsArray();
        Assert.Equal("Sandbox account, no customer data; review in Q1.", Assert.Single(suppressions)!["justification"]!.GetValue<string>());

        var nist = JsonNode.Parse(files["compliance/nist-ai-rmf.json"])!;
        var controls = nist["controls"]!.AsArray();
        var failing = controls.Where(c => c!["status"]!.GetValue<string>() == "Failing").ToList();
        Assert.NotEmpty(failing);
        Assert.All(failing, c => Assert.NotEmpty(c!["findingIds"]!.AsArray()));
        Assert.All(controls.Where(c => c!["rules"]!.AsArray().Count == 0), c => Assert.Equal("NotAssessed", c!["status"]!.GetValue<string>()));
        Assert.Contains(controls, c => c!["status"]!.GetValue<string>() == "NotAssessed");
        Assert.Contains(controls, c => c!["suppressedFindingIds"]!.AsArray().Any(id => id!.GetValue<string>() == suppressed.Finding.Key.Id));
        Assert.All(controls.Where(c => c!["findingIds"]!.AsArray().Count > 0), c => Assert.Equal(
            c!["findingIds"]!.AsArray().Count == c["suppressedFindingIds"]!.AsArray().Count ? "RiskAccepted" : "Failing",
            c["status"]!.GetValue<string>()));
        Assert.NotEmpty(JsonNode.Parse(files["inventory.json"])!.AsArray());
        Assert.NotEmpty(JsonNode.Parse(files["scan-runs.json"])!.AsArray());
    }

    [Fact]
    public async Task The_ai_bom_validates_against_cyclonedx_1_6_and_holds_every_asset_edge_and_open_finding_on_them()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var (zip, _) = await ExportScannedDemoAsync(harness);
        var files = ZipEdit.Read(zip);
        var bom = Encoding.UTF8.GetString(files["aibom.cdx.json"]);
        var assets = await harness.Assets.ListAsync().ToListAsync();
        var edges = await harness.Services.GetRequiredService<AiSpm.Core.Ports.IEdgeStore>().ListAsync().ToListAsync();
        var open = await harness.Findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open)).ToListAsync();

        var validation = await Outputs.OutputValidators.AgainstSchemaAsync("cyclonedx-1.6", bom);
        var broken = await Outputs.OutputValidators.AgainstSchemaAsync("cyclonedx-1.6", bom.Replace("\"machine-learning-model\"", "\"model\"", StringComparison.Ordinal));

        Assert.True(validation.Valid, string.Join("\n", validation.Errors));
        Assert.False(broken.Valid);
        var document = JsonNode.Parse(bom)!;
        var refs = document["components"]!.AsArray().Concat(document["services"]!.AsArray()).Select(c => c!["bom-ref"]!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.True(refs.SetEquals(assets.Select(a => a.ResourceId)), "every asset is one component or service");
        Assert.Contains(document["components"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "machine-learning-model" && c["version"] is not null);
        var dependsOn = document["dependencies"]!.AsArray().ToDictionary(d => d!["ref"]!.GetValue<string>(), d => d!["dependsOn"]!.AsArray().Select(t => t!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        Assert.All(edges.Where(e => refs.Contains(e.From) && refs.Contains(e.To) && e.Relation != AiSpm.Core.Graph.EdgeRelations.Alert),
            e => Assert.Contains(e.To, dependsOn[e.From]));
        // Containment is not stored: the export reads it off the assets, every child under its parent.
        Assert.DoesNotContain(edges, e => e.Relation == AiSpm.Core.Graph.EdgeRelations.Contains);
        var children = assets.Where(a => a.Class == AiSpm.Core.Assets.AssetClass.AiResource && a.ResourceId.Contains("/deployments/", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(children);
        Assert.All(children, child => Assert.Contains(child.ResourceId, dependsOn[child.ResourceId[..child.ResourceId.LastIndexOf("/deployments/", StringComparison.OrdinalIgnoreCase)]]));
        var affected = document["vulnerabilities"]!.AsArray().Select(v => (v!["id"]!.GetValue<string>(), v["affects"]![0]!["ref"]!.GetValue<string>())).ToHashSet();
        Assert.All(open.Where(f => refs.Contains(f.Finding.Key.ResourceId)), f => Assert.Contains((f.Finding.Key.RuleId, f.Finding.Key.ResourceId), affected));
        Assert.Contains(affected, v => v.Item1.StartsWith("AISPM-4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_account_key_of_the_tenant_appears_anywhere_in_the_export()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var (zip, _) = await ExportScannedDemoAsync(harness);

        var keys = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(FixtureLocator.Resolve("demo-tenant"), "arm", "listKeys.json")))!.AsObject()
            .SelectMany(account => account.Value!.AsObject().Select(k => k.Value!.GetValue<string>())).ToList();
        var text = string.Join("\n", ZipEdit.Read(zip).Values.Select(Encoding.UTF8.GetString));

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.DoesNotContain(key, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changing_one_byte_of_a_file_is_named_by_verify()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var (zip, _) = await ExportScannedDemoAsync(harness);
        var files = ZipEdit.Read(zip);
        var inventory = files["inventory.json"];
        inventory[inventory.Length / 2] ^= 0x01;

        var verification = await VerifyAsync(ZipEdit.Write(files));

        Assert.False(verification.IsValid);
        var problem = Assert.Single(verification.Problems);
        Assert.StartsWith("inventory.json: SHA-256", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_audit_entry_is_named_by_sequence_even_when_the_manifest_is_recomputed()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var (zip, _) = await ExportScannedDemoAsync(harness);
        var files = ZipEdit.Read(zip);
        var audit = JsonNode.Parse(files["audit.json"])!;
        audit["entries"]![1]!["actor"] = "mallory@contoso.example";
        files["audit.json"] = Encoding.UTF8.GetBytes(audit.ToJsonString());
        var manifest = JsonNode.Parse(files["manifest.json"])!;
        foreach (var file in manifest["files"]!.AsArray().Where(f => f!["path"]!.GetValue<string>() == "audit.json"))
        {
            file!["sha256"] = EvidenceExporter.Sha256(files["audit.json"]);
        }

        files["manifest.json"] = Encoding.UTF8.GetBytes(manifest.ToJsonString());

        var verification = await VerifyAsync(ZipEdit.Write(files));

        var problem = Assert.Single(verification.Problems);
        Assert.Contains("audit chain broken at entry 2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_exits_zero_on_an_intact_zip_and_five_naming_the_file_on_a_tampered_one()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var (zip, _) = await ExportScannedDemoAsync(harness);
        var folder = Directory.CreateTempSubdirectory("aispm-verify-");
        try
        {
            var good = Path.Combine(folder.FullName, "good.zip");
            await File.WriteAllBytesAsync(good, zip);
            var files = ZipEdit.Read(zip);
            files["findings.csv"] = [.. files["findings.csv"], (byte)'\n'];
            var bad = Path.Combine(folder.FullName, "bad.zip");
            await File.WriteAllBytesAsync(bad, ZipEdit.Write(files));

            var (okCode, okOutput, _) = await CliRunner.RunAsync("verify", good);
            var (badCode, _, badError) = await CliRunner.RunAsync("verify", bad);

            Assert.Equal(ExitCodes.Success, okCode);
            Assert.Contains("verified", okOutput, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.VerificationFailed, badCode);
            Assert.Contains("findings.csv", badError, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_export_function_answers_the_zip_in_base64_with_its_manifest_and_audits_itself()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        await harness.FullScanAsync();
        var functions = harness.FunctionApp(new ResourceChangeFilter());
        var empty = new Dictionary<string, string>();

        var response = await functions.ExportEvidenceAsync(new FunctionHttpRequest("GET", empty, empty, empty, null), "key:default", CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        var body = JsonNode.Parse(JsonSerializer.Serialize(response.Body))!;
        var zip = Convert.FromBase64String(body["zipBase64"]!.GetValue<string>());
        Assert.Equal(EvidenceExporter.Sha256(zip), body["sha256"]!.GetValue<string>());
        var verification = await VerifyAsync(zip);
        Assert.True(verification.IsValid, string.Join("\n", verification.Problems));
        var audit = JsonNode.Parse(ZipEdit.Read(zip)["audit.json"])!;
        Assert.Contains(audit["entries"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "evidence.exported" && e["actor"]!.GetValue<string>() == "key:default");
    }

    [Fact]
    public async Task Export_of_the_demo_fixture_from_the_command_line_verifies_and_its_ocsf_file_meets_the_schema()
    {
        var folder = Directory.CreateTempSubdirectory("aispm-export-");
        try
        {
            var zip = Path.Combine(folder.FullName, "evidence.zip");

            var (exportCode, exportOutput, exportError) = await CliRunner.RunAsync("export", "--fixture", "demo-tenant", "--out", zip);
            var (verifyCode, _, verifyError) = await CliRunner.RunAsync("verify", zip);

            Assert.True(exportCode == ExitCodes.Success, exportError);
            Assert.Contains("Evidence written", exportOutput, StringComparison.Ordinal);
            Assert.True(verifyCode == ExitCodes.Success, verifyError);
            var ocsfText = Encoding.UTF8.GetString(ZipEdit.Read(await File.ReadAllBytesAsync(zip))["findings.ocsf.json"]);
            using var ocsf = JsonDocument.Parse(ocsfText);
            Assert.True(ocsf.RootElement.GetArrayLength() > 0);
            var schema = await Outputs.OutputValidators.AgainstSchemaAsync(Outputs.OutputValidators.OcsfDetectionFindingSchema, ocsfText, each: true);
            Assert.True(schema.Valid, schema.ToString());
            var rules = ocsf.RootElement.EnumerateArray().Select(e => e.GetProperty("finding_info").GetProperty("analytic").GetProperty("uid").GetString()!).ToHashSet();
            Assert.Contains(rules, r => r.StartsWith("AISPM-10", StringComparison.Ordinal));
            Assert.Contains(rules, r => r.StartsWith("AISPM-20", StringComparison.Ordinal));
            Assert.Contains("AISPM-3002", rules);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
