namespace AiSpm.Core.Remediation;

/// <summary>What AiSpm may do about an exposed key.</summary>
public enum RotationMode
{
    /// <summary>Nothing: findings only.</summary>
    Off,

    /// <summary>Check and report what the rotation would do, change nothing (the default).</summary>
    DryRun,

    /// <summary>Ask an owner in Teams and rotate only when approved; escalate when nobody answers in time.</summary>
    Approval,

    /// <summary>Rotate the exposed key with the dual-key procedure at once.</summary>
    Auto,
}
