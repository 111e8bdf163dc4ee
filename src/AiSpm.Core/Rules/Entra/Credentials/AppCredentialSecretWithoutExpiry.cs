using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Rules.Entra.Credentials;

/// <summary>No client secret is valid forever (no end, or an end in 2099 or later).</summary>
public sealed class AppCredentialSecretWithoutExpiry : ApplicationCredentialRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2024",
        Name = "AppCredential.SecretWithoutExpiry",
        Title = "App client secrets expire",
        Severity = Severity.High,
        Category = RuleCategory.Credentials,
        ResourceTypes = ["graph/applications"],
        Frameworks = DirectoryFrameworks.Credentials,
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override CredentialKind Kind => CredentialKind.Password;

    /// <inheritdoc />
    protected override RuleCheck? Check(DirectoryApplication app, DirectoryCredential credential, IReadOnlyList<DirectoryCredential> siblings, DateTimeOffset now, Policy.RuleSettings settings, Dictionary<string, string> evidence) =>
        credential.NeverExpires
            ? RuleCheck.Fail($"Secret '{credential.DisplayName}' of '{app.DisplayName}' never expires in practice (end {evidence["endDateTime"]}).", evidence)
            : RuleCheck.Pass($"Secret '{credential.DisplayName}' of '{app.DisplayName}' has an end date.", evidence);
}
