namespace AiSpm.Core.Findings;

/// <summary>What recording a scan's observations and resolving what it no longer saw changed.</summary>
/// <param name="Recorded">The observations: created, updated, reopened, unchanged.</param>
/// <param name="Resolved">Open or exempted findings of the scanned scopes the scan did not see, now resolved.</param>
/// <param name="Tally">
/// When the scan resolved whole scopes (no single resource): the open and exempted findings of those scopes, of the rules
/// the resolution governs, as the reconciliation left them; otherwise null.
/// </param>
/// <param name="KeptOpen">
/// When the scan resolved whole scopes: the keys of the open findings of those scopes it neither saw nor resolved (an
/// undecided check, a rule the resolution does not govern such as the attack paths), every rule; otherwise null.
/// </param>
public sealed record FindingReconciliation(FindingUpsertSummary Recorded, int Resolved, FindingTally? Tally = null, IReadOnlyList<FindingKey>? KeptOpen = null);
