using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AiSpm.Core.Findings;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Policy;

/// <summary>
/// How an organisation fits the rules: a baseline, rules enabled or disabled beside it, severity overrides with a
/// reason, rule settings, scoped exemptions, sanctioned AI apps and known public bots. Without a policy file a scan
/// runs <see cref="Default"/> (the <c>AiSpm.Default</c> baseline, nothing else).
/// </summary>
public sealed record ScanPolicy
{
    /// <summary>The policy of an installation without a policy file.</summary>
    public static ScanPolicy Default { get; } = new();

    /// <summary>The rule set the policy starts from.</summary>
    public Baseline Baseline { get; init; } = Baselines.Default;

    /// <summary>Rules evaluated although the baseline leaves them out.</summary>
    public IReadOnlyList<string> EnabledRules { get; init; } = [];

    /// <summary>Rules never evaluated.</summary>
    public IReadOnlyList<string> DisabledRules { get; init; } = [];

    /// <summary>Severity overrides, at most one per rule.</summary>
    public IReadOnlyList<SeverityOverride> SeverityOverrides { get; init; } = [];

    /// <summary>Thresholds the rules compare against.</summary>
    public RuleSettings Settings { get; init; } = RuleSettings.Default;

    /// <summary>Accepted risks by rule and scope.</summary>
    public IReadOnlyList<PolicyExemption> Exemptions { get; init; } = [];

    /// <summary>AI apps the organisation approved.</summary>
    public IReadOnlyList<SanctionedApp> SanctionedApps { get; init; } = [];

    /// <summary>Bots that must stay public by design.</summary>
    public IReadOnlyList<KnownBot> KnownBots { get; init; } = [];

    /// <summary>Where the policy came from (a file path, a blob URL, or <c>built-in</c>).</summary>
    public string Source { get; init; } = "built-in";

    /// <summary>True when the policy evaluates the rule: not disabled, and in the baseline or enabled beside it.</summary>
    public bool Evaluates(RuleDescriptor rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return !DisabledRules.Contains(rule.Id, StringComparer.OrdinalIgnoreCase)
            && (EnabledRules.Contains(rule.Id, StringComparer.OrdinalIgnoreCase) || Baseline.Includes(rule));
    }

    /// <summary>The severity override of a rule, or null.</summary>
    public SeverityOverride? OverrideOf(string ruleId) =>
        SeverityOverrides.FirstOrDefault(o => string.Equals(o.RuleId, ruleId, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// What the policy makes of one rule result: a shadow-AI failure of a sanctioned app passes, a failure takes the
    /// overridden severity, and a failure inside an exemption's scope carries the exemption (stored as Exempted).
    /// </summary>
    public RuleResult Apply(RuleResult result, PolicyTargets targets, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(targets);
        if (result.Outcome != RuleOutcome.Fail)
        {
            return result;
        }

        var target = targets.Of(result.ResourceId);
        if (result.Rule.Category == RuleCategory.ShadowAi && SanctionedApps.FirstOrDefault(s => s.Matches(target.AppId, target.PublisherId)) is { } sanctioned)
        {
            return result with
            {
                Outcome = RuleOutcome.Pass,
                Message = $"Sanctioned by policy ({sanctioned.Reason}). {result.Message}",
                Evidence = With(result.Evidence, "policy.sanctioned", sanctioned.Reason),
                Severity = null,
            };
        }

        if (OverrideOf(result.Rule.Id) is { } severity)
        {
            var was = result.Severity ?? result.Rule.Severity;
            result = result with
            {
                Severity = severity.Severity,
                Evidence = With(result.Evidence, "policy.severityOverride", $"{was} → {severity.Severity}: {severity.Reason}"),
            };
        }

        return Exemptions.FirstOrDefault(e => e.Covers(result.Rule.Id, target, now)) is { } exemption
            ? result with { Exemption = new FindingExemption(exemption.Id, exemption.Justification, exemption.Owner, exemption.ExpiresAt) }
            : result;
    }

    /// <summary>One line for people: the baseline, where the policy came from, and what it changes.</summary>
    public string Summary()
    {
        var parts = new List<string>();
        Count(parts, EnabledRules.Count, "rule enabled", "rules enabled");
        Count(parts, DisabledRules.Count, "rule disabled", "rules disabled");
        Count(parts, SeverityOverrides.Count, "severity override", "severity overrides");
        Count(parts, Exemptions.Count, "exemption", "exemptions");
        Count(parts, SanctionedApps.Count, "sanctioned app", "sanctioned apps");
        Count(parts, KnownBots.Count, "known bot", "known bots");
        if (Settings != RuleSettings.Default)
        {
            parts.Add("rule settings changed");
        }

        return $"{Baseline} ({Source})" + (parts.Count == 0 ? string.Empty : ": " + string.Join(", ", parts));

        static void Count(List<string> parts, int n, string one, string many)
        {
            if (n > 0)
            {
                parts.Add(n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many));
            }
        }
    }

    /// <summary>
    /// A SHA-256 of everything the policy decides (not where it came from), so an installation can tell a changed policy
    /// from the same policy loaded again and write one audit entry per change.
    /// </summary>
    public string Digest()
    {
        var text = new StringBuilder();
        text.Append("baseline=").Append(Baseline.Name).Append(' ').Append(Baseline.Version).Append('\n');
        text.Append("enable=").AppendJoin(',', EnabledRules.Order(StringComparer.OrdinalIgnoreCase)).Append('\n');
        text.Append("disable=").AppendJoin(',', DisabledRules.Order(StringComparer.OrdinalIgnoreCase)).Append('\n');
        foreach (var o in SeverityOverrides.OrderBy(o => o.RuleId, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(CultureInfo.InvariantCulture, $"severity={o.RuleId}:{o.Severity}:{o.Reason}\n");
        }

        var s = Settings;
        text.Append(CultureInfo.InvariantCulture, $"settings={s.SecretMaxLifetimeDays},{s.CertificateMaxLifetimeDays},{s.SecretExpiryWarningDays},{s.ModelRetirementHorizonDays},{s.SearchMinimumReplicas},{s.AgentDormantDays},{s.CopilotImportMaxAgeDays},{string.Join('|', s.McpAllowedDomains)}\n");
        foreach (var e in Exemptions.OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"exempt={e.Id}:{string.Join('|', e.Rules)}:{e.Subscription}:{e.ResourceGroup}:{e.Resource}:{e.Tag?.Key}={e.Tag?.Value}:{e.AppId}:{e.Owner}:{e.ExpiresAt:O}:{e.Justification}\n");
        }

        foreach (var a in SanctionedApps)
        {
            text.Append(CultureInfo.InvariantCulture, $"sanctioned={a.AppId}:{a.PublisherId}:{a.Reason}\n");
        }

        foreach (var b in KnownBots)
        {
            text.Append(CultureInfo.InvariantCulture, $"bot={b.Name}:{b.Reason}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> evidence, string key, string value) =>
        new(evidence) { [key] = value };
}
