namespace AiSpm.Core.Policy;

/// <summary>
/// An accepted risk written in the policy: the failures of the named rules inside a scope are stored as Exempted,
/// with the justification and owner, until <see cref="ExpiresAt"/>. Every scope condition given must hold; at least
/// one is required, so an exemption never covers a whole rule by accident (disable the rule for that).
/// </summary>
public sealed record PolicyExemption
{
    /// <summary>Stable id within the policy (shown on every exempted finding).</summary>
    public required string Id { get; init; }

    /// <summary>The rule ids it covers; <c>*</c> for every rule.</summary>
    public required IReadOnlyList<string> Rules { get; init; }

    /// <summary>A subscription id, or null.</summary>
    public string? Subscription { get; init; }

    /// <summary>A resource group name (within any subscription unless <see cref="Subscription"/> is given), or null.</summary>
    public string? ResourceGroup { get; init; }

    /// <summary>A resource id pattern (<c>*</c> wildcards), or null.</summary>
    public string? Resource { get; init; }

    /// <summary>A tag the resource (or its top-level resource) carries, as key and value, or null.</summary>
    public KeyValuePair<string, string>? Tag { get; init; }

    /// <summary>An application (client) id, or null.</summary>
    public string? AppId { get; init; }

    /// <summary>Why the risk is accepted.</summary>
    public required string Justification { get; init; }

    /// <summary>Who owns the decision.</summary>
    public required string Owner { get; init; }

    /// <summary>When it stops applying; exemptions always expire.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>True when the exemption has at least one scope condition.</summary>
    public bool HasScope => Subscription is not null || ResourceGroup is not null || Resource is not null || Tag is not null || AppId is not null;

    /// <summary>True when a failure of <paramref name="ruleId"/> on <paramref name="target"/> falls under this exemption at <paramref name="now"/>.</summary>
    public bool Covers(string ruleId, ExemptionTarget target, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        return now < ExpiresAt && HasScope
            && Rules.Any(r => r == "*" || string.Equals(r, ruleId, StringComparison.OrdinalIgnoreCase))
            && (Subscription is null || string.Equals(Subscription, target.SubscriptionId, StringComparison.OrdinalIgnoreCase))
            && (ResourceGroup is null || string.Equals(ResourceGroup, target.ResourceGroup, StringComparison.OrdinalIgnoreCase))
            && (Resource is null || ResourcePattern.IsMatch(Resource, target.ResourceId))
            && (Tag is not { } tag || target.Tags.Any(t => string.Equals(t.Key, tag.Key, StringComparison.OrdinalIgnoreCase) && string.Equals(t.Value, tag.Value, StringComparison.Ordinal)))
            && (AppId is null || string.Equals(AppId, target.AppId, StringComparison.OrdinalIgnoreCase));
    }
}
