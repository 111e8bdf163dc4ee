namespace AiSpm.Core.Compliance;

/// <summary>Where a framework control stands.</summary>
public enum ControlStatus
{
    /// <summary>No rule provides evidence for it, or its rules were not evaluated: never reported as passing.</summary>
    NotAssessed,

    /// <summary>Every rule mapped to it was evaluated and none has an open finding.</summary>
    Passing,

    /// <summary>At least one rule mapped to it has an open finding that no active suppression accepts.</summary>
    Failing,

    /// <summary>
    /// Its rules have open findings, but every one of them is an accepted risk (an active suppression with a
    /// justification and an expiry): not passing, and shown apart from failing so auditors see the exceptions.
    /// </summary>
    RiskAccepted,
}
