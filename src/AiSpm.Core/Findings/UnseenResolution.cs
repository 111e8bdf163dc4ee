namespace AiSpm.Core.Findings;

/// <summary>
/// What a scan that looked at whole scopes resolves besides recording what it saw: the open (or exempted) findings of
/// <paramref name="Scopes"/> it did not see.
/// </summary>
/// <param name="Scopes">The scopes the scan looked at in full (a shard's subscriptions, the tenant, an environment).</param>
/// <param name="ResourceId">Only the findings of this resource (a targeted re-scan); null: every resource of the scopes.</param>
/// <param name="Keep">Finding ids the scan could not decide (missing data is not a fix): they stay open.</param>
/// <param name="Rules">Only findings of rules this accepts (null: every rule); shards leave attack paths to the run's close.</param>
public sealed record UnseenResolution(IReadOnlyList<string> Scopes, string? ResourceId = null, IReadOnlySet<string>? Keep = null, Func<string, bool>? Rules = null)
{
    /// <summary>
    /// True when the scan read its scopes whole but what it did not see is not gone (a source that refused AiSpm):
    /// nothing is resolved, and the scopes are still tallied as recording leaves them.
    /// </summary>
    public bool ResolvesNothing { get; init; }

    /// <summary>Whether a stored finding in one of <see cref="Scopes"/>, not seen by the scan, is resolved by it.</summary>
    public bool Resolves(string findingId, string? resourceId, string? ruleId) =>
        !ResolvesNothing
        && (ResourceId is null || string.Equals(resourceId, ResourceId, StringComparison.OrdinalIgnoreCase))
        && (Keep is null || !Keep.Contains(findingId))
        && (Rules is null || Rules(ruleId ?? string.Empty));
}
