using System.IO.Compression;
using System.Text.Json;
using AiSpm.Application.Events;
using AiSpm.Application.Exports;
using AiSpm.Application.Http;
using AiSpm.Application.Reports;
using AiSpm.Cli.Commands;
using AiSpm.Connectors.Graph;
using AiSpm.Core.Findings;
using AiSpm.Core.Graph;
using AiSpm.Core.Ports;
using AiSpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Cli.Tests.Commands;

/// <summary>
/// After a full scan of the demo tenant, every AI app, agent identity, Copilot package and key consumer the scan
/// classified is in the stored inventory, and the same inventory comes out of <c>aispm inventory</c>, <c>GET
/// /api/inventory</c>, the evidence export and the report. Expected sets come from the classification of the
/// directory the emulator serves and from the scan's findings, not from counts written here.
/// </summary>
public sealed class InventoryCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Every_classified_asset_is_listed_by_the_cli_the_api_the_export_and_the_report()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        // The Copilot catalogue is read by a signed-in administrator (aispm collect copilot-admin); the scan takes it from the import.
        var (import, _) = await harness.Services.GetRequiredService<AiSpm.Application.Imports.CopilotAdminImporter>().ImportAsync(harness.Tenant.ConnectGraphAs("admin@contoso.example"));
        await harness.FullScanAsync();
        var directory = (await new GraphDirectoryCollector(harness.Tenant.ConnectGraph()).CollectAsync(import)).Inventory;
        Assert.NotEmpty(directory.CopilotPackages!);
        var agents = directory.ServicePrincipals.Where(sp => sp.IsAgentIdentity).Select(sp => sp.ResourceId).ToHashSet();
        var expected = new Dictionary<string, HashSet<string>>
        {
            ["agent-identity"] = agents,
            ["ai-app"] = directory.AiApps().Select(a => a.ServicePrincipal.ResourceId).Where(id => !agents.Contains(id)).ToHashSet(),
            ["copilot-package"] = (directory.CopilotPackages ?? []).Select(p => p.ResourceId).ToHashSet(),
            // Apps holding an AI key (the credential rule's findings) and Azure apps whose settings name an AI endpoint (the graph's
            // calls; Copilot Studio agents call endpoints too, as agents, not key consumers).
            ["key-consumer"] = (await harness.Findings.QueryAsync(new FindingQuery(RuleId: "AISPM-3001", PageSize: 1000))).Findings.Select(f => f.Finding.Key.ResourceId)
                .Concat(await harness.Services.GetRequiredService<IEdgeStore>().ListAsync().Where(e => e.Relation == EdgeRelations.CallsEndpoint && e.From.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase)).Select(e => e.From).ToListAsync())
                .ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
        Assert.All(expected, e => Assert.True(e.Value.Count > 0, $"the demo tenant plants no {e.Key}"));
        var secrets = await PlantedSecrets.InDemoTenantAsync();

        // The CLI.
        var (exitCode, output, error) = await CliRunner.RunAsync("inventory", "--connection-string", azurite.ConnectionString, "--table-prefix", harness.Tables.Prefix, "--json");
        Assert.True(exitCode == ExitCodes.Success, error);
        var listed = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        AssertSame(expected, listed);
        Assert.Contains(listed, e => e.GetProperty("kind").GetString() == "ai-resource");
        // The identities AI resources run as, with the roles read at the run's close (demo tenant row 124).
        var devIdentity = listed.Single(e => e.GetProperty("id").GetString() == "graph:/servicePrincipals/9d000000-0000-4000-8000-000000000015");
        Assert.Equal("identity", devIdentity.GetProperty("kind").GetString());
        Assert.Contains(devIdentity.GetProperty("properties").GetProperty("roles").EnumerateArray(), r => r.GetProperty("role").GetString() == "Storage Blob Data Contributor");
        var app = listed.First(e => e.GetProperty("kind").GetString() == "ai-app").GetProperty("properties").GetProperty("details");
        Assert.False(string.IsNullOrEmpty(app.GetProperty("matchReason").GetString()));
        Assert.Contains(app.GetProperty("matchConfidence").GetString(), new[] { "Low", "Medium", "High" });
        DocumentedContract.AssertJsonShape("aispm inventory --json", listed);
        Assert.All(secrets, s => Assert.DoesNotContain(PlantedSecrets.Core(s), output, StringComparison.Ordinal));

        var (onlyApps, appsTable, _) = await CliRunner.RunAsync("inventory", "--connection-string", azurite.ConnectionString, "--table-prefix", harness.Tables.Prefix, "--kind", "ai-app");
        var (badKind, _, badKindError) = await CliRunner.RunAsync("inventory", "--connection-string", azurite.ConnectionString, "--kind", "apps");
        Assert.Equal(ExitCodes.Success, onlyApps);
        Assert.Contains($"{expected["ai-app"].Count} assets: {expected["ai-app"].Count} ai-app.", appsTable, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ConfigurationError, badKind);
        Assert.Contains("--kind must be one of ai-resource, ai-app", badKindError, StringComparison.Ordinal);

        // The API.
        var functions = harness.FunctionApp(new ResourceChangeFilter());
        var answer = await functions.InventoryAsync(FunctionHttpRequest.Of(query: new Dictionary<string, string> { ["kind"] = "agent-identity" }), CancellationToken.None);
        var bad = await functions.InventoryAsync(FunctionHttpRequest.Of(query: new Dictionary<string, string> { ["kind"] = "bogus" }), CancellationToken.None);
        using var api = JsonDocument.Parse(JsonSerializer.Serialize(answer.Body, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        Assert.Equal(agents, api.RootElement.GetProperty("assets").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToHashSet());
        Assert.Equal(400, bad.StatusCode);

        // The evidence export.
        using var zip = new MemoryStream();
        await harness.Services.GetRequiredService<EvidenceExporter>().ExportAsync(zip);
        zip.Position = 0;
        using var archive = new ZipArchive(zip);
        using var exported = JsonDocument.Parse(archive.GetEntry(EvidenceFiles.Inventory)!.Open());
        AssertSame(expected, exported.RootElement.EnumerateArray().ToList());

        // The report: one section per class, naming each asset.
        var html = HtmlReport.Render(await ReportModel.LoadAsync(harness.Findings, harness.Assets, harness.Runs, harness.Suppressions));
        foreach (var kind in expected.Keys)
        {
            Assert.Contains($"id=\"inventory-{kind}\"", html, StringComparison.Ordinal);
        }

        Assert.All(expected.Values.SelectMany(ids => ids), id => Assert.Contains($"title=\"{System.Net.WebUtility.HtmlEncode(id)}\"", html, StringComparison.Ordinal));
    }

    private static void AssertSame(Dictionary<string, HashSet<string>> expected, List<JsonElement> entries)
    {
        foreach (var (kind, ids) in expected)
        {
            var listed = entries.Where(e => e.GetProperty("kind").GetString() == kind).Select(e => e.GetProperty("id").GetString()!).ToHashSet();
            Assert.True(ids.SetEquals(listed), $"{kind}: expected [{string.Join(", ", ids.Order())}], listed [{string.Join(", ", listed.Order())}]");
        }
    }
}
