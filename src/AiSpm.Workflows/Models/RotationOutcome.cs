namespace AiSpm.Workflows.Models;

/// <summary>How a rotation instance ended.</summary>
public enum RotationOutcome
{
    /// <summary>The exposed value is no longer a key of the account: nothing to do.</summary>
    NoLongerExposed,

    /// <summary>Dry run: the checks ran and the plan was reported.</summary>
    Planned,

    /// <summary>An owner rejected the rotation.</summary>
    Rejected,

    /// <summary>Nobody answered in time; escalated, the exposure stays open.</summary>
    Escalated,

    /// <summary>Both slots regenerated in order and the exposed value verified gone.</summary>
    Completed,

    /// <summary>The rotation policy forbids rotating this account (allow-lists, the opt-out tag); nothing changed.</summary>
    NotAllowed,

    /// <summary>The exposed slot was regenerated but the value still verifies as a key (should not happen; audited).</summary>
    VerificationFailed,
}
