using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Rules.Entra.Permissions;

/// <summary>Users have not consented AI apps to long-lived (offline_access) access to their mail, files or chats.</summary>
public sealed class AiAppUserConsentMailOrFiles : DirectoryRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2006",
        Name = "AiApp.UserConsentMailOrFiles",
        Title = "No user-consented AI app holds offline access to mail, files or chats",
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
            var userGrants = directory.DelegatedGrantsOf(app.ServicePrincipal.Id).Where(g => !g.AllPrincipals).ToList();
            if (userGrants.Count == 0)
            {
                continue;
            }

            var risky = new List<(DelegatedGrant Grant, List<string> Scopes)>();
            foreach (var grant in userGrants.Where(g => g.Scopes.Contains("offline_access", StringComparer.OrdinalIgnoreCase)))
            {
                var resourceAppId = directory.ServicePrincipal(grant.ResourceId)?.AppId ?? PermissionTiers.MicrosoftGraph;
                var data = grant.Scopes.Where(s => PermissionTiers.Classify(resourceAppId, s, PermissionKind.Delegated).Tier <= PermissionTier.Tier1).ToList();
                if (data.Count > 0)
                {
                    risky.Add((grant, data));
                }
            }

            var evidence = AppEvidence(directory, app.ServicePrincipal);
            evidence["aiMatch"] = $"{app.Match.Reason} ({app.Match.Confidence} confidence)";
            if (risky.Count > 0)
            {
                var users = risky.Select(r => r.Grant.PrincipalId).Where(u => u is not null).Distinct(StringComparer.OrdinalIgnoreCase).Count();
                var scopes = string.Join(", ", risky.SelectMany(r => r.Scopes).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal));
                evidence["userCount"] = users.ToString(System.Globalization.CultureInfo.InvariantCulture);
                evidence["scopes"] = "offline_access, " + scopes;
                yield return (app.ServicePrincipal.ResourceId, ShadowAiSeverity.Fail(Rule.Severity, app,
                    $"{users} user(s) consented AI app '{app.ServicePrincipal.DisplayName}' to offline_access with {scopes}: it keeps reading that data without the user present.", evidence));
            }
            else
            {
                evidence["userCount"] = userGrants.Select(g => g.PrincipalId).Distinct(StringComparer.OrdinalIgnoreCase).Count().ToString(System.Globalization.CultureInfo.InvariantCulture);
                yield return (app.ServicePrincipal.ResourceId, RuleCheck.Pass($"User consents to AI app '{app.ServicePrincipal.DisplayName}' cover sign-in and basic scopes only.", evidence));
            }
        }
    }
}
