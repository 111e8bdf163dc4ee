using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Rules.Entra;

/// <summary>
/// A rule over the Entra ID / Microsoft 365 directory. Silent when the scan did not read the directory at all;
/// once it did, a missing part (a policy, the Copilot catalogue) makes the rule Unknown, never a pass.
/// </summary>
public abstract class DirectoryRule : IRule
{
    /// <inheritdoc />
    public abstract RuleDescriptor Descriptor { get; }

    /// <inheritdoc />
    public IEnumerable<RuleResult> Evaluate(PostureSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.Directory.IsCollected)
        {
            return [];
        }

        var gap = ReadsGrants ? GrantGap(snapshot.Directory) : null;
        return Check(snapshot.Directory, snapshot.EvaluatedAt, snapshot.Policy.Settings)
            .Select(t => gap is not null && t.Check.Outcome == RuleOutcome.Pass
                ? new RuleResult(Descriptor, t.ResourceId, RuleOutcome.Unknown, $"{t.Check.Message} Not conclusive: {gap}.", t.Check.SubKey, t.Check.Evidence)
                : new RuleResult(Descriptor, t.ResourceId, t.Check.Outcome, t.Check.Message, t.Check.SubKey, t.Check.Evidence) { Severity = t.Check.Severity })
            .ToList();
    }

    /// <summary>
    /// True when the rule's passes rest on the absence of grants: if some grants could not be read, a pass becomes
    /// Unknown (a failure found in what was read stays a failure).
    /// </summary>
    protected virtual bool ReadsGrants => true;

    private static string? GrantGap(DirectoryInventory directory)
    {
        var gaps = directory.NotCollected.Where(n => n.StartsWith("appRoleAssignments", StringComparison.OrdinalIgnoreCase)
            || n.StartsWith("oauth2PermissionGrants", StringComparison.OrdinalIgnoreCase)).ToList();
        return gaps.Count == 0 ? null : "permission grants were not fully collected (" + string.Join("; ", gaps) + ")";
    }

    /// <summary>Checks the directory; one result per target.</summary>
    protected abstract IEnumerable<(string ResourceId, RuleCheck Check)> Check(DirectoryInventory directory, DateTimeOffset now);

    /// <summary>Checks the directory with the policy's thresholds; rules without a threshold need not override it.</summary>
    protected virtual IEnumerable<(string ResourceId, RuleCheck Check)> Check(DirectoryInventory directory, DateTimeOffset now, Policy.RuleSettings settings) => Check(directory, now);

    /// <summary>Service principals of apps that can hold grants: everything except Microsoft's own apps and agent identities.</summary>
    protected static IEnumerable<ServicePrincipal> Apps(DirectoryInventory directory, bool includeManagedIdentities = false) =>
        directory.ServicePrincipals.Where(sp => directory.OriginOf(sp) switch
        {
            AppOrigin.ThirdParty or AppOrigin.ThisTenant or AppOrigin.Unknown => true,
            AppOrigin.ManagedIdentity => includeManagedIdentities,
            _ => false,
        });

    /// <summary>Names a list of granted permissions for messages and evidence.</summary>
    protected static string List(IEnumerable<GrantedPermission> permissions) =>
        string.Join(", ", permissions.Select(p => p.Display).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal));

    /// <summary>Evidence about an app.</summary>
    protected static Dictionary<string, string> AppEvidence(DirectoryInventory directory, ServicePrincipal sp)
    {
        var evidence = new Dictionary<string, string>
        {
            ["servicePrincipalId"] = sp.Id,
            ["displayName"] = sp.DisplayName,
            ["origin"] = directory.OriginOf(sp).ToString(),
            ["verifiedPublisher"] = sp.VerifiedPublisher.IsVerified ? sp.VerifiedPublisher.DisplayName ?? sp.VerifiedPublisher.VerifiedPublisherId! : "(none)",
        };
        if (sp.AppId is not null)
        {
            evidence["appId"] = sp.AppId;
        }

        return evidence;
    }

    /// <summary>A result with a sub key (several credentials of one app).</summary>
    protected static RuleCheck WithSubKey(RuleOutcome outcome, string message, IReadOnlyDictionary<string, string> evidence, string subKey) =>
        new(outcome, message, evidence, subKey);
}

/// <summary>Framework mappings shared by the directory rules.</summary>
internal static class DirectoryFrameworks
{
    /// <summary>Third-party and AI apps with access to organisational data.</summary>
    public static FrameworkMappings ThirdPartyDataAccess { get; } = new()
    {
        NistAiRmf = ["GOVERN 6.1", "MANAGE 3.1", "MAP 4.1"],
        Iso42001 = ["A.10.3", "A.7.2", "A.4.3"],
        OwaspLlm = ["LLM02:2025", "LLM03:2025"],
        MitreAtlas = ["AML.T0025", "AML.T0010"],
    };

    /// <summary>Excessive permissions of apps and agents.</summary>
    public static FrameworkMappings ExcessiveAgency { get; } = new()
    {
        NistAiRmf = ["GOVERN 6.1", "MANAGE 2.2"],
        Iso42001 = ["A.4.5", "A.6.2.6"],
        OwaspLlm = ["LLM06:2025"],
        MitreAtlas = ["AML.T0012"],
    };

    /// <summary>Consent and app registration governance.</summary>
    public static FrameworkMappings ConsentGovernance { get; } = new()
    {
        NistAiRmf = ["GOVERN 1.2", "GOVERN 6.1"],
        Iso42001 = ["A.2.2", "A.9.2", "A.10.3"],
        OwaspLlm = ["LLM03:2025", "LLM02:2025"],
        MitreAtlas = ["AML.T0010"],
    };

    /// <summary>Credential hygiene of app registrations.</summary>
    public static FrameworkMappings Credentials { get; } = new()
    {
        NistAiRmf = ["MANAGE 2.2", "GOVERN 1.2"],
        Iso42001 = ["A.4.5", "A.6.2.6"],
        OwaspLlm = ["LLM06:2025", "LLM02:2025"],
        MitreAtlas = ["AML.T0055", "AML.T0012"],
    };

    /// <summary>Copilot and agent governance.</summary>
    public static FrameworkMappings CopilotGovernance { get; } = new()
    {
        NistAiRmf = ["GOVERN 1.2", "MAP 4.1", "MANAGE 3.1"],
        Iso42001 = ["A.9.2", "A.10.3", "A.6.2.6"],
        EuAiAct = ["Art. 26"],
        OwaspLlm = ["LLM06:2025", "LLM03:2025"],
        MitreAtlas = ["AML.T0010"],
    };
}
