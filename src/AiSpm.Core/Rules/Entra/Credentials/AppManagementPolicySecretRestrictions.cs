using System.Globalization;
using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Rules.Entra.Credentials;

/// <summary>The tenant app management policy blocks new client secrets or caps their lifetime.</summary>
public sealed class AppManagementPolicySecretRestrictions : DirectoryRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2029",
        Name = "AppManagementPolicy.SecretRestrictions",
        Title = "The tenant app management policy blocks client secrets or limits their lifetime",
        Severity = Severity.Medium,
        Category = RuleCategory.Credentials,
        ResourceTypes = ["graph/policies/defaultappmanagementpolicy"],
        Frameworks = DirectoryFrameworks.Credentials,
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override bool ReadsGrants => false;

    /// <inheritdoc />
    protected override IEnumerable<(string ResourceId, RuleCheck Check)> Check(DirectoryInventory directory, DateTimeOffset now) =>
        Check(directory, now, Policy.RuleSettings.Default);

    /// <inheritdoc />
    protected override IEnumerable<(string ResourceId, RuleCheck Check)> Check(DirectoryInventory directory, DateTimeOffset now, Policy.RuleSettings settings)
    {
        const string id = "graph:/policies/defaultAppManagementPolicy";
        if (directory.AppManagementPolicy is not { } policy)
        {
            yield return (id, RuleCheck.Unknown("The tenant app management policy was not collected (needs Policy.Read.All)."));
            yield break;
        }

        var active = policy.PasswordRestrictions.Where(r => r.Enabled).ToList();
        var blocked = active.Any(r => r.RestrictionType.Equals("passwordAddition", StringComparison.OrdinalIgnoreCase));
        var lifetime = active.Where(r => r.RestrictionType.Equals("passwordLifetime", StringComparison.OrdinalIgnoreCase) && r.MaxLifetime is not null)
            .Select(r => r.MaxLifetime!.Value).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        var evidence = new Dictionary<string, string>
        {
            ["isEnabled"] = policy.IsEnabled ? "true" : "false",
            ["passwordRestrictions"] = active.Count == 0 ? "(none)" : string.Join(", ", active.Select(r => r.MaxLifetime is { } m ? $"{r.RestrictionType} {m.TotalDays.ToString(CultureInfo.InvariantCulture)}d" : r.RestrictionType)),
        };
        if (!policy.IsEnabled)
        {
            yield return (id, RuleCheck.Fail("The tenant app management policy is disabled: any app owner can add a client secret of any lifetime.", evidence));
        }
        else if (blocked)
        {
            yield return (id, RuleCheck.Pass("New client secrets are blocked tenant-wide.", evidence));
        }
        else if (lifetime <= TimeSpan.FromDays(settings.SecretMaxLifetimeDays))
        {
            yield return (id, RuleCheck.Pass($"Client secrets are limited to {lifetime.TotalDays.ToString(CultureInfo.InvariantCulture)} days tenant-wide.", evidence));
        }
        else
        {
            yield return (id, RuleCheck.Fail($"The tenant app management policy neither blocks client secrets nor caps their lifetime at {settings.SecretMaxLifetimeDays.ToString(CultureInfo.InvariantCulture)} days.", evidence));
        }
    }
}
