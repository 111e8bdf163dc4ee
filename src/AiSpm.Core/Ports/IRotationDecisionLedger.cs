namespace AiSpm.Core.Ports;

/// <summary>
/// The one decision each rotation approval takes: the first Approve or Reject claims it; every later use of either link
/// for the same approval request finds it taken.
/// </summary>
public interface IRotationDecisionLedger
{
    /// <summary>Claims the decision of <paramref name="approvalKey"/> (one approval request); false when it was taken before.</summary>
    Task<bool> TryClaimAsync(string approvalKey, string action, string actor, CancellationToken cancellationToken = default);
}
