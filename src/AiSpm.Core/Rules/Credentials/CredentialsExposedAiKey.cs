using System.Globalization;
using AiSpm.Core.Findings;
using AiSpm.Core.Secrets;

namespace AiSpm.Core.Rules.Credentials;

/// <summary>No AI provider key sits in plain text in app settings, container app environment variables or deployment history.</summary>
public sealed class CredentialsExposedAiKey : IRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-3001",
        Name = "Credentials.ExposedAiKey",
        Title = "AI provider keys are not stored in plain text in app settings, container apps or deployment history",
        Severity = Severity.Critical,
        Category = RuleCategory.Credentials,
        ResourceTypes = ["microsoft.web/sites", "microsoft.app/containerapps", "microsoft.resources/deployments"],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "GOVERN 6.1"],
            Iso42001 = ["A.6.2.6", "A.4.5"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM02:2025", "LLM10:2025"],
            MitreAtlas = ["AML.T0012", "AML.T0055"],
        },
    };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    public IEnumerable<RuleResult> Evaluate(PostureSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var exposed = snapshot.Credentials.Exposures.ToLookup(e => e.SourceResourceId, StringComparer.OrdinalIgnoreCase);
        foreach (var exposure in snapshot.Credentials.Exposures)
        {
            var evidence = new Dictionary<string, string>
            {
                ["source"] = exposure.SourceKind,
                ["location"] = exposure.Location,
                ["detector"] = exposure.Match.DetectorId,
                ["provider"] = exposure.Match.Provider.ToString(),
                ["confidence"] = exposure.Match.Confidence.ToString(),
                [RuleResult.SecretFingerprintEvidence] = exposure.Match.Fingerprint.Value ?? string.Empty,
                [RuleResult.SecretHintEvidence] = exposure.Match.Hint,
            };
            if (exposure.Match.EndpointHost is { } host)
            {
                evidence["endpoint"] = host;
            }

            var owner = string.Empty;
            if (exposure.Attribution is { } attribution)
            {
                owner = Attribute(evidence, attribution);
            }

            yield return new RuleResult(Rule, exposure.SourceResourceId, RuleOutcome.Fail,
                $"{exposure.Match.Provider} key {exposure.Match.Hint} is stored in plain text in {exposure.SourceKind} '{exposure.Location}'.{owner}",
                $"{exposure.SourceKind}:{exposure.Location}", evidence);
        }

        foreach (var source in snapshot.Credentials.ScannedSources.Where(s => !exposed.Contains(s)))
        {
            yield return new RuleResult(Rule, source, RuleOutcome.Pass, "No AI provider key in plain text.", null, new Dictionary<string, string>());
        }
    }

    /// <summary>True for a finding of this rule whose key is not attributed to an account yet.</summary>
    public static bool IsUnattributed(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return string.Equals(finding.Key.RuleId, Rule.Id, StringComparison.Ordinal) && !finding.Evidence.ContainsKey("account") && finding.SecretFingerprint is not null;
    }

    /// <summary>
    /// The finding once its key is attributed outside the scan that found it (the account lives in a subscription
    /// another shard read): the same finding with the account, slot and endpoint agreement in its evidence and detail.
    /// </summary>
    public static Finding WithAttribution(Finding finding, KeyAttributionResult attribution)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(attribution);
        var evidence = new Dictionary<string, string>(finding.Evidence);
        var owner = Attribute(evidence, attribution);
        return finding with { Evidence = evidence, Detail = (finding.Detail ?? finding.Title) + owner };
    }

    private static string Attribute(Dictionary<string, string> evidence, KeyAttributionResult attribution)
    {
        evidence["account"] = attribution.AccountId;
        evidence["keySlot"] = attribution.Slot.ToString();
        evidence["endpointAgreement"] = attribution.Endpoint.ToString();
        return string.Create(CultureInfo.InvariantCulture, $" It is the live {attribution.Slot} of {attribution.AccountId[(attribution.AccountId.LastIndexOf('/') + 1)..]}.");
    }
}
