namespace AiSpm.Application.Remediation.Rotation;

/// <summary>What checking an Approve/Reject link found.</summary>
public enum ApprovalLinkCheck
{
    /// <summary>Signed by this installation, for this instance and action, not expired.</summary>
    Valid,

    /// <summary>Not a token of this form.</summary>
    Malformed,

    /// <summary>The signature does not match: tampered with, or made by another installation.</summary>
    BadSignature,

    /// <summary>Past its expiry.</summary>
    Expired,

    /// <summary>Signed for another rotation instance.</summary>
    WrongInstance,

    /// <summary>Signed for the other action (an Approve token used to reject, or the reverse).</summary>
    WrongAction,
}
