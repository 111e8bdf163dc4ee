using AiSpm.Core.Findings;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Compliance;

/// <summary>
/// Turns open findings into per-control status. The control → rules index is built from the rule descriptors'
/// framework mappings, so the data files hold only controls and the rules remain the one place a mapping is made.
/// A control is <see cref="ControlStatus.Failing"/> when a mapped rule has an open finding that is not an accepted
/// risk, <see cref="ControlStatus.RiskAccepted"/> when its open findings are all accepted risks,
/// <see cref="ControlStatus.Passing"/> when every mapped rule was evaluated without one, and
/// <see cref="ControlStatus.NotAssessed"/> when no rule maps to it or its rules were not evaluated.
/// </summary>
public sealed class ComplianceEvaluator
{
    private readonly IReadOnlyList<ComplianceFramework> _frameworks;
    private readonly Dictionary<(string Framework, string Control), List<string>> _rulesByControl = [];

    /// <summary>Builds the index for a rule catalogue and a set of frameworks (defaults: the built-in ones).</summary>
    public ComplianceEvaluator(RuleCatalog? rules = null, IReadOnlyList<ComplianceFramework>? frameworks = null)
    {
        _frameworks = frameworks ?? ComplianceFrameworks.All;
        foreach (var rule in (rules ?? RuleCatalog.BuiltIn).Rules.Select(r => r.Descriptor))
        {
            foreach (var framework in _frameworks)
            {
                foreach (var control in framework.MappedBy(rule.Frameworks).Distinct(StringComparer.Ordinal))
                {
                    var key = (framework.Id, control);
                    if (!_rulesByControl.TryGetValue(key, out var list))
                    {
                        _rulesByControl[key] = list = [];
                    }

                    list.Add(rule.Id);
                }
            }
        }
    }

    /// <summary>The frameworks evaluated.</summary>
    public IReadOnlyList<ComplianceFramework> Frameworks => _frameworks;

    /// <summary>The rules mapped to a control (empty when none).</summary>
    public IReadOnlyList<string> RulesFor(string frameworkId, string controlId) =>
        _rulesByControl.TryGetValue((frameworkId, controlId), out var list) ? list : [];

    /// <summary>
    /// Assesses every framework. <paramref name="openFindings"/> are the findings open now;
    /// <paramref name="evaluatedRuleIds"/> the rules that ran (null: every rule of the catalogue);
    /// <paramref name="acceptedFindingIds"/> the findings under an active suppression.
    /// </summary>
    public IReadOnlyList<FrameworkAssessment> Evaluate(IEnumerable<Finding> openFindings, IReadOnlySet<string>? evaluatedRuleIds = null, IReadOnlySet<string>? acceptedFindingIds = null)
    {
        ArgumentNullException.ThrowIfNull(openFindings);
        var byRule = openFindings.GroupBy(f => f.Key.RuleId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(f => f.Key.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), StringComparer.OrdinalIgnoreCase);
        return _frameworks.Select(framework => new FrameworkAssessment(framework, framework.Controls.Select(control =>
        {
            var rules = RulesFor(framework.Id, control.Id);
            var findings = rules.SelectMany(r => byRule.GetValueOrDefault(r) ?? []).Distinct(StringComparer.Ordinal).ToList();
            var accepted = acceptedFindingIds is null ? [] : findings.Where(acceptedFindingIds.Contains).ToList();
            var status = findings.Count > accepted.Count ? ControlStatus.Failing
                : findings.Count > 0 ? ControlStatus.RiskAccepted
                : rules.Count > 0 && (evaluatedRuleIds is null || rules.All(evaluatedRuleIds.Contains)) ? ControlStatus.Passing
                : ControlStatus.NotAssessed;
            return new ControlAssessment(control, status, rules, findings, accepted);
        }).ToList())).ToList();
    }
}
