namespace AiSpm.Workflows.Models;

/// <summary>How a rotation proceeds once an exposure is confirmed.</summary>
public enum RotationFlow
{
    /// <summary>Read-only checks, then report what would be done.</summary>
    DryRun,

    /// <summary>Ask an owner in Teams and rotate only when approved; escalate when nobody answers in time.</summary>
    Approval,

    /// <summary>Rotate at once.</summary>
    Auto,
}
