using System.Reflection;
using System.Text.RegularExpressions;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Tests.Rules;

/// <summary>
/// Enforces, by reflection, what every rule must have: a unique stable id and readable name, valid metadata and
/// framework ids, one class per rule exposing its descriptor, a doc page with the required sections, and a passing
/// and a failing fixture that the rule really passes and fails.
/// </summary>
public sealed partial class RuleCatalogTests
{
    private static readonly string[] RequiredSections = ["## Synopsis", "## Rationale", "## Remediation", "### Azure CLI", "### Bicep", "## Data source", "## Frameworks"];

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleCatalog.BuiltIn.Rules)
        {
            data.Add(rule.Descriptor.Id);
        }

        return data;
    }

    [Fact]
    public void Ids_and_names_are_unique_and_well_formed()
    {
        var descriptors = RuleCatalog.BuiltIn.Rules.Select(r => r.Descriptor).ToList();

        Assert.NotEmpty(descriptors);
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(descriptors, d => Assert.Matches(RuleId(), d.Id));
        Assert.All(descriptors, d => Assert.Matches(RuleName(), d.Name));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Metadata_is_complete(string id)
    {
        var rule = RuleCatalog.BuiltIn.Find(id)!;
        var d = rule.Descriptor;

        Assert.Contains(d.Category, RuleCategory.All);
        Assert.True(Enum.IsDefined(d.Severity));
        Assert.False(string.IsNullOrWhiteSpace(d.Title));
        Assert.NotEmpty(d.ResourceTypes);
        Assert.All(d.ResourceTypes, t => Assert.Equal(t.ToLowerInvariant(), t));
        Assert.NotEmpty(d.Frameworks.NistAiRmf);
        Assert.NotEmpty(d.Frameworks.Iso42001);
        Assert.NotEmpty(d.Frameworks.OwaspLlm);
        Assert.All(d.Frameworks.NistAiRmf, c => Assert.Matches(@"^(GOVERN|MAP|MEASURE|MANAGE) \d+\.\d+$", c));
        Assert.All(d.Frameworks.Iso42001, c => Assert.Matches(@"^A\.\d+(\.\d+){1,2}$", c));
        Assert.All(d.Frameworks.EuAiAct, c => Assert.Matches(@"^Art\. \d+$", c));
        Assert.All(d.Frameworks.OwaspLlm, c => Assert.Matches(@"^LLM(0[1-9]|10):2025$", c));
        Assert.All(d.Frameworks.MitreAtlas, c => Assert.Matches(@"^AML\.T\d{4}(\.\d{3})?$", c));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void One_class_per_rule_exposes_its_descriptor_statically(string id)
    {
        var rule = RuleCatalog.BuiltIn.Find(id)!;
        var type = rule.GetType();
        var property = type.GetProperty("Rule", BindingFlags.Public | BindingFlags.Static);

        Assert.True(type.IsSealed, $"{type.Name} should be sealed.");
        Assert.NotNull(property);
        Assert.Same(rule.Descriptor, property.GetValue(null));
        Assert.Equal(rule.Descriptor.Name.Replace(".", string.Empty, StringComparison.Ordinal).Replace("OpenAI", string.Empty, StringComparison.Ordinal),
            type.Name.Replace("OpenAI", string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Has_a_doc_page_whose_front_matter_matches(string id)
    {
        var d = RuleCatalog.BuiltIn.Find(id)!.Descriptor;
        var path = Path.Combine(RuleFixtures.RepositoryRoot(), "docs", "rules", id + ".md");

        Assert.True(File.Exists(path), $"docs/rules/{id}.md is missing.");
        var text = File.ReadAllText(path);
        Assert.Contains($"id: {d.Id}\n", text, StringComparison.Ordinal);
        Assert.Contains($"name: {d.Name}\n", text, StringComparison.Ordinal);
        Assert.Contains($"severity: {d.Severity}\n", text, StringComparison.Ordinal);
        Assert.Contains($"category: {d.Category}\n", text, StringComparison.Ordinal);
        Assert.Contains($"baseline: {(d.IfRequired ? "AiSpm.Strict" : "AiSpm.Default")}\n", text, StringComparison.Ordinal);
        Assert.Contains($"# {d.Id} — {d.Title}", text, StringComparison.Ordinal);
        Assert.All(RequiredSections, s => Assert.Contains(s + "\n", text, StringComparison.Ordinal));
    }

    [Fact]
    public void The_rules_index_lists_every_rule()
    {
        var index = File.ReadAllText(Path.Combine(RuleFixtures.RepositoryRoot(), "docs", "rules", "README.md"));

        Assert.All(RuleCatalog.BuiltIn.Rules, r => Assert.Contains($"[{r.Descriptor.Id}]({r.Descriptor.Id}.md)", index, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Passing_fixture_passes_and_failing_fixture_fails(string id)
    {
        var rule = RuleCatalog.BuiltIn.Find(id)!;

        var pass = rule.Evaluate(RuleFixtures.Load(id, "pass")).ToList();
        var fail = rule.Evaluate(RuleFixtures.Load(id, "fail")).ToList();

        Assert.Contains(pass, r => r.Outcome == RuleOutcome.Pass);
        Assert.DoesNotContain(pass, r => r.Outcome is RuleOutcome.Fail or RuleOutcome.Error or RuleOutcome.Unknown);
        Assert.Contains(fail, r => r.Outcome == RuleOutcome.Fail);
        Assert.DoesNotContain(fail, r => r.Outcome is RuleOutcome.Error);
        Assert.All(fail.Where(r => r.Outcome == RuleOutcome.Fail), r => Assert.Equal(id, r.ToFinding().Key.RuleId));
    }

    [Fact]
    public void Missing_properties_are_unknown_never_a_pass()
    {
        var bare = Enum.GetValues<AiResourceFamily>().Select(family => new AiResource
        {
            Id = $"/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/x/{family}/bare",
            Type = "x/" + family,
            Family = family,
            Name = "bare",
            SubscriptionId = "00000000-0000-4000-8000-000000000000",
            ResourceGroup = "rg",
            Kind = family == AiResourceFamily.CognitiveServicesAccount ? "OpenAI" : null,
            Properties = System.Text.Json.JsonDocument.Parse("{}").RootElement,
        }).ToList();
        var snapshot = new PostureSnapshot { Azure = new AiInventory(bare), EvaluatedAt = RuleFixtures.EvaluatedAt };

        var results = RuleCatalog.BuiltIn.Evaluate(snapshot);

        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.Outcome is RuleOutcome.Unknown or RuleOutcome.NotApplicable, $"{r.Rule.Id} said {r.Outcome} on a resource without properties: {r.Message}"));
    }

    [GeneratedRegex(@"^AISPM-[1-4]\d{3}$")]
    private static partial Regex RuleId();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)+$")]
    private static partial Regex RuleName();
}
