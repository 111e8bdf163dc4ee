using AiSpm.Core.Findings;

namespace AiSpm.Core.Rules.Credentials;

/// <summary>AI credentials kept in Key Vault have an expiry that is neither past nor close (the rotation signal).</summary>
public sealed class CredentialsAiKeySecretLifetime : IRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-3002",
        Name = "Credentials.AiKeySecretLifetime",
        Title = "AI credentials in Key Vault have an expiry that is not past or within 30 days",
        Severity = Severity.Medium,
        Category = RuleCategory.Credentials,
        ResourceTypes = ["microsoft.keyvault/vaults/secrets"],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "GOVERN 1.4"],
            Iso42001 = ["A.6.2.6"],
            OwaspLlm = ["LLM02:2025"],
            MitreAtlas = ["AML.T0012"],
        },
    };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    public IEnumerable<RuleResult> Evaluate(PostureSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var warning = snapshot.Policy.Settings.SecretExpiryWarningDays;
        foreach (var secret in snapshot.Credentials.Secrets.Where(s => s.IsAiCredential && s.Enabled))
        {
            var evidence = new Dictionary<string, string>
            {
                ["expires"] = secret.ExpiresOn?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "never",
                ["holds"] = secret.AttributedAccountId ?? secret.DetectedProvider ?? (secret.Tags.TryGetValue("ProviderAddress", out var p) ? p : "AI credential (by name or tags)"),
            };
            var check = secret.ExpiresOn switch
            {
                null => (RuleOutcome.Fail, $"Key Vault secret '{secret.Name}' holds an AI credential and never expires, so nothing prompts its rotation."),
                { } at when at <= snapshot.EvaluatedAt => (RuleOutcome.Fail, $"Key Vault secret '{secret.Name}' expired on {at:yyyy-MM-dd}; consumers may still use the key it holds."),
                { } at when at - snapshot.EvaluatedAt <= TimeSpan.FromDays(warning) => (RuleOutcome.Fail, $"Key Vault secret '{secret.Name}' expires on {at:yyyy-MM-dd}, within {warning} days, and has not been rotated."),
                { } at => (RuleOutcome.Pass, $"Key Vault secret '{secret.Name}' expires on {at:yyyy-MM-dd}."),
            };
            yield return new RuleResult(Rule, secret.ResourceId, check.Item1, check.Item2, null, evidence);
        }
    }
}
