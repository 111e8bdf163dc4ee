using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Rules.Entra.Credentials;

/// <summary>Expired client secrets are removed from app registrations.</summary>
public sealed class AppCredentialExpiredSecretPresent : ApplicationCredentialRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2023",
        Name = "AppCredential.ExpiredSecretPresent",
        Title = "Expired client secrets are removed from app registrations",
        Severity = Severity.Low,
        Category = RuleCategory.Credentials,
        ResourceTypes = ["graph/applications"],
        Frameworks = DirectoryFrameworks.Credentials,
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override CredentialKind Kind => CredentialKind.Password;

    /// <inheritdoc />
    protected override RuleCheck? Check(DirectoryApplication app, DirectoryCredential credential, IReadOnlyList<DirectoryCredential> siblings, DateTimeOffset now, Policy.RuleSettings settings, Dictionary<string, string> evidence)
    {
        if (credential.End is not { } end)
        {
            return null;
        }

        return end <= now
            ? RuleCheck.Fail($"Secret '{credential.DisplayName}' of '{app.DisplayName}' expired {Days(now - end)} days ago and is still registered.", evidence)
            : RuleCheck.Pass($"Secret '{credential.DisplayName}' of '{app.DisplayName}' has not expired.", evidence);
    }
}
