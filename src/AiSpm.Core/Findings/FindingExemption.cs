namespace AiSpm.Core.Findings;

/// <summary>
/// The policy exemption a failure falls under: the finding is stored as Exempted (an accepted risk, counted apart
/// from open findings) until the exemption expires or leaves the policy, when the next scan opens it again.
/// </summary>
/// <param name="Id">The exemption's id in the policy file.</param>
/// <param name="Justification">Why the risk is accepted.</param>
/// <param name="Owner">Who owns the decision.</param>
/// <param name="ExpiresAt">When it stops applying.</param>
public sealed record FindingExemption(string Id, string Justification, string Owner, DateTimeOffset ExpiresAt);
