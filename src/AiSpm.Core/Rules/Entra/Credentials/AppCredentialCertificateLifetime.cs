using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Rules.Entra.Credentials;

/// <summary>App certificates are valid for at most a year and are not expired.</summary>
public sealed class AppCredentialCertificateLifetime : ApplicationCredentialRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2025",
        Name = "AppCredential.CertificateLifetime",
        Title = "App certificates are valid for at most one year and not expired",
        Severity = Severity.Low,
        Category = RuleCategory.Credentials,
        ResourceTypes = ["graph/applications"],
        Frameworks = DirectoryFrameworks.Credentials,
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override CredentialKind Kind => CredentialKind.Certificate;

    /// <inheritdoc />
    protected override RuleCheck? Check(DirectoryApplication app, DirectoryCredential credential, IReadOnlyList<DirectoryCredential> siblings, DateTimeOffset now, Policy.RuleSettings settings, Dictionary<string, string> evidence)
    {
        if (credential.End is { } end && end <= now)
        {
            return RuleCheck.Fail($"Certificate '{credential.DisplayName}' of '{app.DisplayName}' expired {Days(now - end)} days ago and is still registered.", evidence);
        }

        if (credential.Lifetime is not { } lifetime)
        {
            return credential.End is null ? RuleCheck.Fail($"Certificate '{credential.DisplayName}' of '{app.DisplayName}' has no end date.", evidence) : null;
        }

        evidence["lifetimeDays"] = Days(lifetime);
        return lifetime > TimeSpan.FromDays(settings.CertificateMaxLifetimeDays)
            ? RuleCheck.Fail($"Certificate '{credential.DisplayName}' of '{app.DisplayName}' is valid for {Days(lifetime)} days.", evidence)
            : RuleCheck.Pass($"Certificate '{credential.DisplayName}' of '{app.DisplayName}' is valid for {Days(lifetime)} days.", evidence);
    }
}
