using AiSpm.Core.Findings;
using AiSpm.Core.Policy;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Tests.Rules.DemoTenant;

/// <summary>
/// The demo tenant under the baselines: AiSpm.Default raises fewer findings than every rule as shipped, loses no
/// planted issue but those of the "enable if required" rules (customer-managed keys and the like), and AiSpm.Strict
/// brings those back.
/// </summary>
public sealed class BaselineDemoTenantTests
{
    private static readonly Lazy<PostureSnapshot> Snapshot = new(() => CognitiveServicesDemoTenantTests.Load() with { Directory = DemoTenantGraph.Load() });

    /// <summary>The planted issues the demo tenant's README lists, as the area tests pin them: rule and resource (name or Graph path).</summary>
    private static IEnumerable<(string RuleId, string Resource)> Planted() =>
        CognitiveServicesDemoTenantTests.Expected
            .Concat(AccountBaselineDemoTenantTests.Expected.SelectMany(e => e.Value.Select(resource => (e.Key, resource))))
            .Concat(EntraDemoTenantTests.Expected.Select(e => (e.Rule, e.Resource)))
            .Distinct();

    [Fact]
    public void Default_raises_fewer_findings_and_loses_no_planted_issue_of_its_rules()
    {
        var shipped = Failures(RuleCatalog.BuiltIn);
        var byDefault = Failures(RuleCatalog.Default);

        Assert.True(byDefault.Count < shipped.Count, $"AiSpm.Default raised {byDefault.Count} findings, every rule {shipped.Count}.");
        var planted = Planted().ToList();
        Assert.True(planted.Count > 100, $"Only {planted.Count} planted issues were read from the area tests.");
        foreach (var (ruleId, resource) in planted.Where(p => !IfRequired(p.RuleId)))
        {
            Assert.True(byDefault.Any(f => Is(f, ruleId, resource)), $"AiSpm.Default lost the planted {ruleId} on {resource}.");
        }

        // What Default drops is exactly the failures of the rules it leaves out.
        var dropped = shipped.Select(f => f.Key.Id).Except(byDefault.Select(f => f.Key.Id)).ToList();
        Assert.NotEmpty(dropped);
        Assert.All(shipped.Where(f => dropped.Contains(f.Key.Id)), f => Assert.True(IfRequired(f.Key.RuleId), $"{f.Key.RuleId} on {f.Key.ResourceId} was dropped by AiSpm.Default."));
    }

    [Fact]
    public void Strict_brings_back_the_customer_managed_key_findings()
    {
        var byDefault = Failures(RuleCatalog.Default);
        var strict = Failures(RuleCatalog.BuiltIn.WithPolicy(ScanPolicy.Default with { Baseline = Baselines.Strict }));

        string[] cmk = ["AISPM-1004", "AISPM-1204", "AISPM-1304"];
        Assert.DoesNotContain(byDefault, f => cmk.Contains(f.Key.RuleId));
        foreach (var (ruleId, resource) in Planted().Where(p => cmk.Contains(p.RuleId)))
        {
            Assert.Contains(strict, f => Is(f, ruleId, resource));
        }

        Assert.Contains(strict, f => f.Key.RuleId == "AISPM-1304");
        Assert.Equal(Failures(RuleCatalog.BuiltIn).Select(f => f.Key.Id).Order(StringComparer.Ordinal), strict.Select(f => f.Key.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_framework_baseline_runs_only_rules_mapped_to_it_and_keeps_their_if_required_controls()
    {
        var euAiAct = RuleCatalog.BuiltIn.WithPolicy(ScanPolicy.Default with { Baseline = Baselines.EuAiAct });

        Assert.All(euAiAct.Evaluated, r => Assert.NotEmpty(r.Descriptor.Frameworks.EuAiAct));
        Assert.Contains(euAiAct.Evaluated, r => r.Descriptor.IfRequired);
        Assert.True(euAiAct.Evaluated.Count < RuleCatalog.BuiltIn.Rules.Count);
        Assert.All(Failures(euAiAct), f => Assert.NotEmpty(RuleCatalog.BuiltIn.Find(f.Key.RuleId)!.Descriptor.Frameworks.EuAiAct));
    }

    private static List<Finding> Failures(RuleCatalog catalog) =>
        catalog.Evaluate(Snapshot.Value).Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.ToFinding()).ToList();

    private static bool IfRequired(string ruleId) => RuleCatalog.BuiltIn.Find(ruleId)!.Descriptor.IfRequired;

    private static bool Is(Finding finding, string ruleId, string resource) =>
        finding.Key.RuleId == ruleId
        && (string.Equals(finding.Key.ResourceId, resource, StringComparison.OrdinalIgnoreCase)
            || (Snapshot.Value.Azure.Get(finding.Key.ResourceId)?.Name is { } name && string.Equals(name, resource, StringComparison.OrdinalIgnoreCase)));
}
