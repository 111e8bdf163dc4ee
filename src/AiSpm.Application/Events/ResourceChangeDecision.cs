namespace AiSpm.Application.Events;

/// <summary>What to do about one Event Grid event.</summary>
/// <param name="ResourceId">The top-level AI resource to re-scan, or null to ignore the event.</param>
/// <param name="Reason">Why (logged, and returned to HTTP callers).</param>
public sealed record ResourceChangeDecision(string? ResourceId, string Reason)
{
    /// <summary>True when a targeted re-scan should run.</summary>
    public bool Rescan => ResourceId is not null;
}
