using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Rules.Entra;

namespace AiSpm.Core.Rules.Copilot;

/// <summary>External Copilot agents available to every user come from verified publishers.</summary>
public sealed class CopilotAgentUnverifiedPublisherForAll : DirectoryRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2032",
        Name = "CopilotAgent.UnverifiedPublisherForAll",
        Title = "External Copilot agents available to everyone come from verified publishers",
        Severity = Severity.High,
        Category = RuleCategory.Copilot,
        ResourceTypes = ["graph/copilot/admin/catalog/packages"],
        Frameworks = DirectoryFrameworks.CopilotGovernance,
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
        const string catalog = "graph:/copilot/admin/catalog/packages";
        const string part = CopilotAdminImport.PackagesPart;
        if (directory.CopilotPackages is not { } packages)
        {
            yield return (catalog, RuleCheck.Unknown(CopilotAdminSource.NotCollected(directory, part, "The Copilot catalog")));
            yield break;
        }

        if (CopilotAdminSource.Stale(directory, part, now, settings, "the Copilot catalog") is { } stale)
        {
            // Each package undecided, not only the catalogue: a stale import must not resolve what it reported before.
            yield return (catalog, stale);
            foreach (var package in packages.Where(p => string.Equals(p.Type, "external", StringComparison.OrdinalIgnoreCase)))
            {
                yield return (package.ResourceId, stale);
            }

            yield break;
        }

        foreach (var package in packages.Where(p => string.Equals(p.Type, "external", StringComparison.OrdinalIgnoreCase)))
        {
            var evidence = CopilotAdminSource.Describe(new Dictionary<string, string>
            {
                ["package"] = package.DisplayName,
                ["publisher"] = package.Publisher ?? "(none)",
                ["availableTo"] = package.AvailableTo ?? "(none)",
                ["isBlocked"] = package.IsBlocked ? "true" : "false",
            }, directory, part, now);
            if (package.IsBlocked || !package.AvailableToAll)
            {
                yield return (package.ResourceId, RuleCheck.Pass($"External agent '{package.DisplayName}' is {(package.IsBlocked ? "blocked" : "not available to everyone")}.", evidence));
                continue;
            }

            if (package.AppId is null || directory.ServicePrincipalByAppId(package.AppId) is not { } sp)
            {
                yield return (package.ResourceId, RuleCheck.Unknown($"External agent '{package.DisplayName}' is available to everyone, but its app is not in the directory data, so its publisher verification is unknown."));
                continue;
            }

            evidence["appId"] = package.AppId;
            evidence["verifiedPublisher"] = sp.VerifiedPublisher.IsVerified ? sp.VerifiedPublisher.DisplayName ?? "(verified)" : "(none)";
            yield return (package.ResourceId, sp.VerifiedPublisher.IsVerified
                ? RuleCheck.Pass($"External agent '{package.DisplayName}' is published by verified publisher '{sp.VerifiedPublisher.DisplayName}'.", evidence)
                : RuleCheck.Fail($"External agent '{package.DisplayName}' from '{package.Publisher}' is available to every user, and its app has no verified publisher.", evidence));
        }
    }
}
