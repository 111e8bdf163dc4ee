using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Rules.Entra.Permissions;

/// <summary>No AI app holds Tier-1 application (app-only) permissions: tenant-wide mail, files, sites, chats or meetings without a user.</summary>
public sealed class AiAppAppOnlyDataAccess : DirectoryRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2002",
        Name = "AiApp.AppOnlyDataAccess",
        Title = "AI apps do not hold app-only access to all mail, files, sites, chats or meetings",
        Severity = Severity.High,
        Category = RuleCategory.ShadowAi,
        ResourceTypes = ["graph/serviceprincipals", "graph/approleassignments"],
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
            var risky = app.Permissions.Where(p => p is { Kind: PermissionKind.Application, Tier: PermissionTier.Tier1 }).ToList();
            if (risky.Count > 0)
            {
                evidence["permissions"] = List(risky);
                yield return (app.ServicePrincipal.ResourceId, ShadowAiSeverity.Fail(Rule.Severity, app,
                    $"AI app '{app.ServicePrincipal.DisplayName}' ({app.Origin}) holds app-only {List(risky)}: it reads that data for every user without anyone signing in.", evidence));
            }
            else
            {
                yield return (app.ServicePrincipal.ResourceId, RuleCheck.Pass($"AI app '{app.ServicePrincipal.DisplayName}' holds no Tier-1 application permission.", evidence));
            }
        }
    }
}
