namespace AiSpm.Workflows.Models;

/// <summary>A re-scan of one resource after a change event.</summary>
/// <param name="ResourceId">The ARM id of the changed resource (validated before it gets here).</param>
/// <param name="Trigger">What asked for it (event, cli, …).</param>
/// <param name="EventId">The id of the event that asked, for the audit trail.</param>
/// <param name="Plan">Set by the orchestration for its plan step (see <see cref="FullScanRequest.Plan"/>).</param>
public sealed record ResourceScanRequest(string ResourceId, string Trigger, string? EventId = null, PlanKey? Plan = null);
