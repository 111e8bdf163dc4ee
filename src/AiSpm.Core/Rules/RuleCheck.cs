namespace AiSpm.Core.Rules;

/// <summary>What a check said about one target, before the engine attaches the rule and the target.</summary>
public sealed record RuleCheck(RuleOutcome Outcome, string Message, IReadOnlyDictionary<string, string> Evidence, string? SubKey = null)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>The severity of this failure when it differs from the rule's (e.g. Critical for a Tier-0 case of a High rule), or null.</summary>
    public AiSpm.Core.Findings.Severity? Severity { get; init; }

    /// <summary>The control holds.</summary>
    public static RuleCheck Pass(string message, IReadOnlyDictionary<string, string>? evidence = null) => new(RuleOutcome.Pass, message, evidence ?? None);

    /// <summary>The control does not hold.</summary>
    public static RuleCheck Fail(string message, IReadOnlyDictionary<string, string>? evidence = null, string? subKey = null) => new(RuleOutcome.Fail, message, evidence ?? None, subKey);

    /// <summary>The rule does not apply.</summary>
    public static RuleCheck NotApplicable(string reason) => new(RuleOutcome.NotApplicable, reason, None);

    /// <summary>The data to decide is missing; say which.</summary>
    public static RuleCheck Unknown(string missing) => new(RuleOutcome.Unknown, missing, None);
}
