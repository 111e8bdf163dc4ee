namespace AiSpm.Core.Compliance;

/// <summary>The status of one control and what it rests on.</summary>
/// <param name="Control">The control.</param>
/// <param name="Status">Failing, risk accepted, passing or not assessed.</param>
/// <param name="RuleIds">The rules that map to the control.</param>
/// <param name="FindingIds">The open findings of those rules, accepted or not (empty when passing or not assessed).</param>
/// <param name="AcceptedFindingIds">Those of <paramref name="FindingIds"/> under an active suppression.</param>
public sealed record ControlAssessment(FrameworkControl Control, ControlStatus Status, IReadOnlyList<string> RuleIds, IReadOnlyList<string> FindingIds, IReadOnlyList<string> AcceptedFindingIds);
