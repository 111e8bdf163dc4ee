using AiSpm.Core.Findings;

namespace AiSpm.Core.Policy;

/// <summary>A policy's severity for every failure of one rule, with the reason the organisation gives.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Severity">The severity its failures get.</param>
/// <param name="Reason">Why (shown in the finding's evidence).</param>
public sealed record SeverityOverride(string RuleId, Severity Severity, string Reason);
