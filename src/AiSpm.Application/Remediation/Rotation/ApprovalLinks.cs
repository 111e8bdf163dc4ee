namespace AiSpm.Application.Remediation.Rotation;

/// <summary>The Approve and Reject links of a rotation card: <c>{root}api/rotations/{instance}/{approve|reject}?token=…</c>.</summary>
public sealed class ApprovalLinks(ApprovalLinkSigner signer, RotationOptions options)
{
    /// <summary>The approve action's name in routes and tokens.</summary>
    public const string Approve = "approve";

    /// <summary>The reject action's name in routes and tokens.</summary>
    public const string Reject = "reject";

    /// <summary>Signed links for one instance, valid until <paramref name="expiresAt"/>.</summary>
    /// <exception cref="InvalidOperationException">No public address is known to build them on.</exception>
    public (Uri Approve, Uri Reject) For(string instanceId, DateTimeOffset expiresAt)
    {
        var root = options.LinkBase ?? throw new InvalidOperationException(
            "No address for approval links: set AISPM_PUBLIC_URL (WEBSITE_HOSTNAME is used when the app runs in Azure).");
        return (Link(root, instanceId, Approve, expiresAt), Link(root, instanceId, Reject, expiresAt));
    }

    private Uri Link(Uri root, string instanceId, string action, DateTimeOffset expiresAt) =>
        new(root, $"api/rotations/{Uri.EscapeDataString(instanceId)}/{action}?token={Uri.EscapeDataString(signer.Sign(instanceId, action, expiresAt))}");
}
