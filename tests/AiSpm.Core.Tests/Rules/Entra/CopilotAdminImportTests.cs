using System.Text.Json;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Policy;
using AiSpm.Core.Rules;
using AiSpm.Core.Rules.Copilot;
using AiSpm.Core.Tests.Rules.DemoTenant;

namespace AiSpm.Core.Tests.Rules.Entra;

/// <summary>
/// The delegated-only Copilot parts in an app-only scan: Unknown without an import (naming the command that fixes it),
/// evaluated from a fresh import (saying who imported it and how old it is), Unknown "import is stale" past
/// copilotImportMaxAgeDays, and never taken from an import when the scan read them live.
/// </summary>
public sealed class CopilotAdminImportTests
{
    private static readonly DateTimeOffset Now = RuleFixtures.EvaluatedAt;
    private static readonly string[] CopilotRules = [CopilotAgentUnverifiedPublisherForAll.Rule.Id, CopilotMeetingsLimitedMode.Rule.Id];

    private static JsonElement File(string relative)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(DemoTenantGraph.Root, relative)));
        return document.RootElement.Clone();
    }

    private static CopilotAdminImport Import(DateTimeOffset at, bool withPackages = true) => new()
    {
        Id = "20261101T000000Z-0a1b2c3d",
        ImportedAt = at,
        ImportedBy = "admin@contoso.example",
        LimitedMode = File("beta/copilot/admin/settings/limitedMode.json"),
        Packages = withPackages ? File("beta/copilot/admin/catalog/packages.json").GetProperty("value").EnumerateArray().Select(e => e.Clone()).ToList() : null,
        NotRead = withPackages ? [] : ["copilotPackages: 403 refused: the signed-in user lacks the role or the delegated permission"],
    };

    /// <summary>The directory an app-only scan reads: everything but the two Copilot admin parts, which Graph refuses.</summary>
    private static DirectoryInventoryBuilder AppOnly()
    {
        var builder = new DirectoryInventoryBuilder();
        foreach (var (file, add) in DemoTenantGraph.Parts.Where(p => !p.File.Contains("/copilot/admin/", StringComparison.Ordinal)))
        {
            add(builder)(File(file), file);
        }

        return builder.NotCollected(CopilotAdminImport.LimitedModePart, "403 Forbidden: missing permission, licence or delegated-only API")
            .NotCollected(CopilotAdminImport.PackagesPart, "403 Forbidden: missing permission, licence or delegated-only API");
    }

    private static List<RuleResult> Evaluate(DirectoryInventory directory, RuleSettings? settings = null) =>
        RuleCatalog.BuiltIn.WithPolicy(new ScanPolicy { Settings = settings ?? RuleSettings.Default }).Evaluate(new PostureSnapshot { Directory = directory, EvaluatedAt = Now })
            .Where(r => CopilotRules.Contains(r.Rule.Id)).ToList();

    [Fact]
    public void Without_an_import_both_rules_are_unknown_and_say_how_to_import()
    {
        var results = Evaluate(AppOnly().Build());

        Assert.Equal(2, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal(RuleOutcome.Unknown, r.Outcome);
            Assert.Contains("aispm collect copilot-admin", r.Message, StringComparison.Ordinal);
            Assert.Contains("403 Forbidden", r.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_fresh_import_is_evaluated_and_its_evidence_names_who_imported_it_and_its_age()
    {
        var directory = AppOnly().UseCopilotAdminImport(Import(Now.AddDays(-3))).Build();
        var results = Evaluate(directory);

        Assert.DoesNotContain(directory.NotCollected, n => n.StartsWith("copilot", StringComparison.Ordinal));
        var limited = Assert.Single(results, r => r.Rule.Id == CopilotMeetingsLimitedMode.Rule.Id);
        Assert.Equal(RuleOutcome.Fail, limited.Outcome);
        Assert.Equal("admin@contoso.example", limited.Evidence["importedBy"]);
        Assert.Equal("3", limited.Evidence["importAgeDays"]);
        var packages = results.Where(r => r.Rule.Id == CopilotAgentUnverifiedPublisherForAll.Rule.Id).ToList();
        Assert.Contains(packages, r => r.Outcome == RuleOutcome.Fail && r.Evidence["source"] == "aispm collect copilot-admin");
        Assert.DoesNotContain(packages, r => r.Outcome == RuleOutcome.Unknown && r.ResourceId == "graph:/copilot/admin/catalog/packages");
    }

    [Fact]
    public void An_import_older_than_the_policy_allows_is_stale_and_keeps_every_package_undecided()
    {
        var import = Import(Now.AddDays(-31));
        var fresh = Evaluate(AppOnly().UseCopilotAdminImport(import with { ImportedAt = Now.AddDays(-29) }).Build());
        var stale = Evaluate(AppOnly().UseCopilotAdminImport(import).Build());
        var longer = Evaluate(AppOnly().UseCopilotAdminImport(import).Build(), RuleSettings.Default with { CopilotImportMaxAgeDays = 45 });

        Assert.All(stale, r =>
        {
            Assert.Equal(RuleOutcome.Unknown, r.Outcome);
            Assert.Contains("import is stale", r.Message, StringComparison.Ordinal);
            Assert.Contains("31 days old", r.Message, StringComparison.Ordinal);
        });
        // Every package failed while fresh is undecided once stale, so a durable run does not resolve it.
        var failedWhenFresh = fresh.Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.ResourceId).ToHashSet();
        Assert.NotEmpty(failedWhenFresh);
        Assert.Subset(stale.Select(r => r.ResourceId).ToHashSet(), failedWhenFresh);
        Assert.DoesNotContain(longer, r => r.Message.Contains("import is stale", StringComparison.Ordinal));
        Assert.Contains(longer, r => r.Outcome == RuleOutcome.Fail);
    }

    [Fact]
    public void A_part_read_live_is_never_replaced_by_the_import()
    {
        var live = new DirectoryInventoryBuilder();
        foreach (var (file, add) in DemoTenantGraph.Parts)
        {
            add(live)(File(file), file);
        }

        var import = Import(Now.AddDays(-1)) with { LimitedMode = JsonSerializer.SerializeToElement(new { isEnabledForGroup = true, groupId = "" }) };
        var results = Evaluate(live.UseCopilotAdminImport(import).Build());

        var limited = Assert.Single(results, r => r.Rule.Id == CopilotMeetingsLimitedMode.Rule.Id);
        Assert.Equal(RuleOutcome.Fail, limited.Outcome);
        Assert.Equal("Microsoft Graph (this scan)", limited.Evidence["source"]);
    }

    [Fact]
    public void A_part_the_import_lacks_stays_unknown_with_both_reasons()
    {
        var directory = AppOnly().UseCopilotAdminImport(Import(Now.AddDays(-1), withPackages: false)).Build();
        var results = Evaluate(directory);

        var catalog = Assert.Single(results, r => r.Rule.Id == CopilotAgentUnverifiedPublisherForAll.Rule.Id);
        Assert.Equal(RuleOutcome.Unknown, catalog.Outcome);
        Assert.Contains("403 Forbidden", catalog.Message, StringComparison.Ordinal);
        Assert.Contains("lacks it too", catalog.Message, StringComparison.Ordinal);
        Assert.Equal(RuleOutcome.Fail, Assert.Single(results, r => r.Rule.Id == CopilotMeetingsLimitedMode.Rule.Id).Outcome);
    }
}
