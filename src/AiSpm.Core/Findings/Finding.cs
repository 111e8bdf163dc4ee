namespace AiSpm.Core.Findings;

/// <summary>
/// What a rule saw on a resource during one scan: the problem, how bad, and the evidence. Carries no lifecycle
/// (see <see cref="StoredFinding"/>) and never a secret value: credentials appear only as a fingerprint and a
/// masked hint.
/// </summary>
public sealed record Finding
{
    /// <summary>The stable identity.</summary>
    public required FindingKey Key { get; init; }

    /// <summary>Severity.</summary>
    public required Severity Severity { get; init; }

    /// <summary>Category of the rule (NetworkExposure, Authentication, Identity, Encryption, Logging, ContentSafety, Permissions, Consent, Credentials, …).</summary>
    public required string Category { get; init; }

    /// <summary>One line a responder understands.</summary>
    public required string Title { get; init; }

    /// <summary>What exactly was seen on this resource.</summary>
    public string? Detail { get; init; }

    /// <summary>Small named facts backing the finding (setting names and values, never secrets).</summary>
    public IReadOnlyDictionary<string, string> Evidence { get; init; } = new Dictionary<string, string>();

    /// <summary>For exposed credentials: a fingerprint (keyed hash) of the secret, never the secret.</summary>
    public string? SecretFingerprint { get; init; }

    /// <summary>For exposed credentials: a masked hint such as <c>sk-p…J3kA</c>.</summary>
    public string? SecretHint { get; init; }

    /// <summary>The policy exemption the failure falls under (stored as Exempted), or null.</summary>
    public FindingExemption? Exemption { get; init; }
}
