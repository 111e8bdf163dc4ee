namespace AiSpm.Core.Policy;

/// <summary>
/// A Bot Service bot the organisation knows serves channels that need a public endpoint by design (Teams, Web Chat,
/// Direct Line from the internet): AISPM-1401 passes it with the reason instead of asking for private access.
/// </summary>
/// <param name="Name">The bot's resource name, or a pattern with <c>*</c>.</param>
/// <param name="Reason">Why it must stay public.</param>
public sealed record KnownBot(string Name, string Reason)
{
    /// <summary>True when a bot of this name is this entry's.</summary>
    public bool Matches(string botName) => ResourcePattern.IsMatch(Name, botName);
}
