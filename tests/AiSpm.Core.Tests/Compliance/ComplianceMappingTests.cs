using AiSpm.Core.Compliance;
using AiSpm.Core.Findings;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Tests.Compliance;

/// <summary>The framework data against the rule catalogue, and the status rules of the evaluator.</summary>
public sealed class ComplianceMappingTests
{
    [Fact]
    public void Every_framework_id_a_rule_names_exists_in_the_data()
    {
        var missing = new List<string>();
        foreach (var rule in RuleCatalog.BuiltIn.Rules.Select(r => r.Descriptor))
        {
            foreach (var framework in ComplianceFrameworks.All)
            {
                missing.AddRange(framework.MappedBy(rule.Frameworks).Where(id => framework.Find(id) is null).Select(id => $"{rule.Id}: {framework.Id} {id}"));
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void The_five_frameworks_load_with_unique_control_ids_and_versions()
    {
        Assert.Equal(["nist-ai-rmf", "iso-42001", "eu-ai-act", "owasp-llm-2025", "mitre-atlas"], ComplianceFrameworks.All.Select(f => f.Id));
        Assert.All(ComplianceFrameworks.All, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Version));
            Assert.Equal(f.Controls.Count, f.Controls.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
            Assert.All(f.Controls, c => Assert.False(string.IsNullOrWhiteSpace(c.Title)));
        });
        Assert.Equal(10, ComplianceFrameworks.Find("owasp-llm-2025")!.Controls.Count);
    }

    [Fact]
    public void A_control_no_rule_maps_to_is_not_assessed_never_passing()
    {
        var evaluator = new ComplianceEvaluator();

        var assessments = evaluator.Evaluate([]);

        var literacy = assessments.Single(a => a.Framework.Id == "eu-ai-act").Controls.Single(c => c.Control.Id == "Art. 4");
        Assert.Empty(literacy.RuleIds);
        Assert.Equal(ControlStatus.NotAssessed, literacy.Status);
        Assert.All(assessments.SelectMany(a => a.Controls).Where(c => c.RuleIds.Count == 0), c => Assert.Equal(ControlStatus.NotAssessed, c.Status));
        Assert.All(assessments.SelectMany(a => a.Controls).Where(c => c.RuleIds.Count > 0), c => Assert.Equal(ControlStatus.Passing, c.Status));
    }

    [Fact]
    public void An_open_finding_fails_every_control_its_rule_maps_to_and_names_the_finding()
    {
        var evaluator = new ComplianceEvaluator();
        var rule = RuleCatalog.BuiltIn.Find("AISPM-1001")!.Descriptor;
        var finding = new Finding { Key = new FindingKey(rule.Id, "/subscriptions/x/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/a"), Severity = rule.Severity, Category = rule.Category, Title = rule.Title };

        var assessments = evaluator.Evaluate([finding]);

        var nist = assessments.Single(a => a.Framework.Id == ComplianceFrameworks.NistAiRmfId);
        foreach (var control in rule.Frameworks.NistAiRmf)
        {
            var assessed = nist.Controls.Single(c => c.Control.Id == control);
            Assert.Equal(ControlStatus.Failing, assessed.Status);
            Assert.Equal([finding.Key.Id], assessed.FindingIds);
            Assert.Contains(rule.Id, assessed.RuleIds);
        }
    }

    [Fact]
    public void A_control_whose_rules_did_not_run_is_not_assessed()
    {
        var evaluator = new ComplianceEvaluator();

        var assessments = evaluator.Evaluate([], new HashSet<string>(StringComparer.Ordinal));

        Assert.All(assessments.SelectMany(a => a.Controls), c => Assert.Equal(ControlStatus.NotAssessed, c.Status));
    }

    [Fact]
    public void A_control_whose_open_findings_are_all_accepted_risks_is_risk_accepted_and_one_unaccepted_finding_fails_it()
    {
        var evaluator = new ComplianceEvaluator();
        var rule = RuleCatalog.BuiltIn.Find("AISPM-1001")!.Descriptor;
        Finding On(string account) => new() { Key = new FindingKey(rule.Id, $"/subscriptions/x/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/{account}"), Severity = rule.Severity, Category = rule.Category, Title = rule.Title };
        var a = On("a");
        var b = On("b");
        var control = rule.Frameworks.NistAiRmf[0];
        ControlAssessment Nist(IReadOnlyList<FrameworkAssessment> assessments) =>
            assessments.Single(x => x.Framework.Id == ComplianceFrameworks.NistAiRmfId).Controls.Single(c => c.Control.Id == control);

        var allAccepted = Nist(evaluator.Evaluate([a, b], acceptedFindingIds: new HashSet<string>([a.Key.Id, b.Key.Id], StringComparer.Ordinal)));
        var oneAccepted = Nist(evaluator.Evaluate([a, b], acceptedFindingIds: new HashSet<string>([a.Key.Id], StringComparer.Ordinal)));

        Assert.Equal(ControlStatus.RiskAccepted, allAccepted.Status);
        Assert.Equal(allAccepted.FindingIds, allAccepted.AcceptedFindingIds);
        Assert.Equal(ControlStatus.Failing, oneAccepted.Status);
        Assert.Equal([a.Key.Id], oneAccepted.AcceptedFindingIds);
        Assert.Equal(2, oneAccepted.FindingIds.Count);
    }
}
