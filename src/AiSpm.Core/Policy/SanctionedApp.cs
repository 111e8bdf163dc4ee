namespace AiSpm.Core.Policy;

/// <summary>
/// An AI app the organisation approved, by application (client) id or by verified publisher id: the shadow-AI rules
/// (category ShadowAi) pass it with the reason; its credentials and Tier-0 permissions are still checked.
/// </summary>
/// <param name="AppId">The application (client) id, or null.</param>
/// <param name="PublisherId">The Microsoft Partner Network id of the verified publisher, or null.</param>
/// <param name="Reason">Why it is sanctioned (a ticket, a review).</param>
public sealed record SanctionedApp(string? AppId, string? PublisherId, string Reason)
{
    /// <summary>True when the app id or the verified publisher id is this entry's.</summary>
    public bool Matches(string? appId, string? publisherId) =>
        (AppId is not null && string.Equals(AppId, appId, StringComparison.OrdinalIgnoreCase))
        || (PublisherId is not null && string.Equals(PublisherId, publisherId, StringComparison.OrdinalIgnoreCase));
}
