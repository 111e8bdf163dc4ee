using AiSpm.Core.Findings;

namespace AiSpm.Core.Rules;

/// <summary>A rule's conclusion about one target.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="ResourceId">The target.</param>
/// <param name="Outcome">Pass, Fail, NotApplicable, Unknown or Error.</param>
/// <param name="Message">Why, in one sentence about this target.</param>
/// <param name="SubKey">What distinguishes several results of the rule on one target, or null.</param>
/// <param name="Evidence">Named facts the conclusion rests on (never secrets).</param>
public sealed record RuleResult(RuleDescriptor Rule, string ResourceId, RuleOutcome Outcome, string Message, string? SubKey, IReadOnlyDictionary<string, string> Evidence)
{
    /// <summary>Evidence key whose value becomes <see cref="Finding.SecretFingerprint"/>.</summary>
    public const string SecretFingerprintEvidence = "secret.fingerprint";

    /// <summary>Evidence key whose value becomes <see cref="Finding.SecretHint"/>.</summary>
    public const string SecretHintEvidence = "secret.hint";

    /// <summary>The severity of this result when the rule raised it above (or below) its own, or null for the rule's severity.</summary>
    public Severity? Severity { get; init; }

    /// <summary>The policy exemption a failure falls under (set by the policy, never by a rule), or null.</summary>
    public FindingExemption? Exemption { get; init; }

    /// <summary>The finding a failure becomes.</summary>
    /// <exception cref="InvalidOperationException">The outcome is not Fail.</exception>
    public Finding ToFinding() => Outcome == RuleOutcome.Fail
        ? new Finding
        {
            Key = new FindingKey(Rule.Id, ResourceId, SubKey),
            Severity = Severity ?? Rule.Severity,
            Category = Rule.Category,
            Title = Rule.Title,
            Detail = Message,
            Evidence = Evidence,
            SecretFingerprint = Evidence.TryGetValue(SecretFingerprintEvidence, out var fingerprint) ? fingerprint : null,
            SecretHint = Evidence.TryGetValue(SecretHintEvidence, out var hint) ? hint : null,
            Exemption = Exemption,
        }
        : throw new InvalidOperationException($"Only failures become findings; {Rule.Id} on {ResourceId} is {Outcome}.");
}
