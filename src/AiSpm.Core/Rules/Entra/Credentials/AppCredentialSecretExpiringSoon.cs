using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Rules.Entra.Credentials;

/// <summary>No client secret expires within 30 days without a successor valid beyond that.</summary>
public sealed class AppCredentialSecretExpiringSoon : ApplicationCredentialRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2022",
        Name = "AppCredential.SecretExpiringSoon",
        Title = "No app client secret expires within 30 days without a rotated successor",
        Severity = Severity.Medium,
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
        if (credential.End is not { } end || end <= now || credential.NeverExpires)
        {
            return null;
        }

        var left = end - now;
        var window = TimeSpan.FromDays(settings.SecretExpiryWarningDays);
        evidence["daysLeft"] = Days(left);
        if (left > window)
        {
            return RuleCheck.Pass($"Secret '{credential.DisplayName}' of '{app.DisplayName}' is valid for {Days(left)} more days.", evidence);
        }

        var successor = siblings.Any(s => s.KeyId != credential.KeyId && (s.NeverExpires || s.End > end + window));
        return successor
            ? RuleCheck.Pass($"Secret '{credential.DisplayName}' of '{app.DisplayName}' expires in {Days(left)} days, and a successor secret is already in place.", evidence)
            : RuleCheck.Fail($"Secret '{credential.DisplayName}' of '{app.DisplayName}' expires in {Days(left)} days and no successor exists; the app stops authenticating then.", evidence);
    }
}
