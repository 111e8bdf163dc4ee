namespace AiSpm.Core.Findings;

/// <summary>Where a finding is in its lifecycle.</summary>
public enum FindingStatus
{
    /// <summary>Seen by the latest scan of its scope.</summary>
    Open,

    /// <summary>Not seen again by a later scan of its scope (fixed or gone). Seeing it again reopens it.</summary>
    Resolved,

    /// <summary>Seen by the latest scan inside a policy exemption: an accepted risk until the exemption expires, counted apart from open findings.</summary>
    Exempted,
}
