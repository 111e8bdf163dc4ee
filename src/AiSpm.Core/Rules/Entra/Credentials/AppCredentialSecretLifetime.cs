using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Rules.Entra.Credentials;

/// <summary>Client secrets are valid for at most a year.</summary>
public sealed class AppCredentialSecretLifetime : ApplicationCredentialRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2021",
        Name = "AppCredential.SecretLifetime",
        Title = "App client secrets are valid for at most one year",
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
        if (credential.NeverExpires || credential.Lifetime is not { } lifetime)
        {
            return null; // AISPM-2024 reports secrets without an end
        }

        evidence["lifetimeDays"] = Days(lifetime);
        evidence["maxLifetimeDays"] = settings.SecretMaxLifetimeDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return lifetime > TimeSpan.FromDays(settings.SecretMaxLifetimeDays)
            ? RuleCheck.Fail($"Secret '{credential.DisplayName}' of '{app.DisplayName}' is valid for {Days(lifetime)} days; a leaked copy stays usable that long.", evidence)
            : RuleCheck.Pass($"Secret '{credential.DisplayName}' of '{app.DisplayName}' is valid for {Days(lifetime)} days.", evidence);
    }
}
