using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Rules.Entra.Permissions;

/// <summary>No AI app holds admin consent for all users to Tier-0/Tier-1 delegated permissions (mail, files, sites, chats).</summary>
public sealed class AiAppTenantWideDelegatedAccess : DirectoryRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2001",
        Name = "AiApp.TenantWideDelegatedAccess",
        Title = "AI apps do not hold tenant-wide (all users) consent to mail, files, sites or chats",
        Severity = Severity.High,
        Category = RuleCategory.ShadowAi,
        ResourceTypes = ["graph/serviceprincipals", "graph/oauth2permissiongrants"],
        Frameworks = DirectoryFrameworks.ThirdPartyDataAccess,
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IEnumerable<(string ResourceId, RuleCheck Check)> Check(DirectoryInventory directory, DateTimeOffset now)
    {
        foreach (var app in directory.AiApps())
        {
            var evidence = AppEvidence(directory, app.ServicePrincipal);
            evidence["aiMatch"] = $"{app.Match.Reason} ({app.Match.Confidence} confidence)";
            var risky = app.Permissions.Where(p => p is { Kind: PermissionKind.Delegated, AllPrincipals: true, Tier: <= PermissionTier.Tier1 }).ToList();
            if (risky.Count > 0)
            {
                evidence["permissions"] = List(risky);
                yield return (app.ServicePrincipal.ResourceId, ShadowAiSeverity.Fail(Rule.Severity, app,
                    $"AI app '{app.ServicePrincipal.DisplayName}' was consented for every user to {List(risky)}; it can read that data for anyone who signs in.", evidence));
            }
            else
            {
                yield return (app.ServicePrincipal.ResourceId, RuleCheck.Pass($"AI app '{app.ServicePrincipal.DisplayName}' holds no tenant-wide data-access consent.", evidence));
            }
        }
    }
}
