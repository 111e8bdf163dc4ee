using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Rules.Entra.Permissions;

/// <summary>
/// No user owns an app registration or service principal that holds Tier-0 or Tier-1 permissions: an owner can add a
/// credential to the app and act as it, so a user owner of a privileged app is a privilege-escalation path (BloodHound's
/// AddOwner/Owns edges). Critical when the app holds a Tier-0 permission.
/// </summary>
public sealed class AppPrivilegedAppUserOwner : DirectoryRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2035",
        Name = "App.PrivilegedAppUserOwner",
        Title = "No user owns an app that holds Tier-0 or Tier-1 permissions",
        Severity = Severity.High,
        Category = RuleCategory.Permissions,
        ResourceTypes = ["graph/applications", "graph/serviceprincipals", "graph/owners"],
        Frameworks = new FrameworkMappings
        {
            NistAiRmf = ["GOVERN 6.1", "MANAGE 2.2", "GOVERN 1.2"],
            Iso42001 = ["A.4.5", "A.6.2.6", "A.2.2"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM06:2025"],
            MitreAtlas = ["AML.T0012"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <summary>A pass rests on the owners, not on the absence of grants; an app whose grants were not read is simply not judged.</summary>
    protected override bool ReadsGrants => false;

    /// <inheritdoc />
    protected override IEnumerable<(string ResourceId, RuleCheck Check)> Check(DirectoryInventory directory, DateTimeOffset now)
    {
        foreach (var sp in directory.PrivilegedApps())
        {
            var privileged = directory.PrivilegedPermissionsOf(sp);
            var tier = privileged.Any(p => p.Tier == PermissionTier.Tier0) ? PermissionTier.Tier0 : PermissionTier.Tier1;
            var shown = privileged.Where(p => p.Tier == tier).ToList();
            var app = directory.ApplicationOf(sp);
            var evidence = AppEvidence(directory, sp);
            evidence["tier"] = tier == PermissionTier.Tier0 ? "Tier 0" : "Tier 1";
            evidence["permissions"] = List(shown);
            if (app is not null)
            {
                evidence["applicationId"] = app.Id;
            }

            var unread = new List<string>();
            if (sp.Owners is null)
            {
                unread.Add("service principal");
            }

            if (app is not null && app.Owners is null)
            {
                unread.Add("app registration");
            }

            var owners = (sp.Owners ?? []).Select(o => (Owner: o, Of: "servicePrincipal"))
                .Concat((app?.Owners ?? []).Select(o => (Owner: o, Of: "application")))
                .ToList();
            var people = owners.Where(o => !o.Owner.IsServicePrincipal).ToList();
            if (people.Count > 0)
            {
                evidence["userOwners"] = string.Join("; ", people.Select(o => $"{o.Owner.Display} owns the {o.Of}"));
                if (owners.Any(o => o.Owner.IsServicePrincipal))
                {
                    evidence["servicePrincipalOwners"] = string.Join("; ", owners.Where(o => o.Owner.IsServicePrincipal).Select(o => $"{o.Owner.Display} owns the {o.Of}"));
                }

                var names = string.Join(", ", people.Select(o => o.Owner.UserPrincipalName ?? o.Owner.DisplayName ?? o.Owner.Id).Distinct(StringComparer.OrdinalIgnoreCase));
                var check = RuleCheck.Fail(
                    $"'{sp.DisplayName}' holds {(tier == PermissionTier.Tier0 ? "Tier-0" : "Tier-1")} {List(shown)} and is owned by {names}: an owner can add a credential and act as the app.",
                    evidence);
                yield return (sp.ResourceId, tier == PermissionTier.Tier0 ? check with { Severity = Severity.Critical } : check);
                continue;
            }

            if (unread.Count > 0)
            {
                yield return (sp.ResourceId, RuleCheck.Unknown($"'{sp.DisplayName}' holds {List(shown)}, but the owners of its {string.Join(" and ", unread)} were not collected."));
                continue;
            }

            evidence["servicePrincipalOwners"] = owners.Count == 0 ? "(none)" : string.Join("; ", owners.Select(o => $"{o.Owner.Display} owns the {o.Of}"));
            yield return (sp.ResourceId, RuleCheck.Pass(
                owners.Count == 0 ? $"'{sp.DisplayName}' holds {List(shown)} and has no owners." : $"'{sp.DisplayName}' holds {List(shown)} and is owned only by service principals.",
                evidence));
        }
    }
}
