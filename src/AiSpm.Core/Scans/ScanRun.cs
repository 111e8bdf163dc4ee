using AiSpm.Core.Findings;

namespace AiSpm.Core.Scans;

/// <summary>
/// One scan: what started it, how many shards it fanned out to and how many are done. Updated under optimistic
/// concurrency (<see cref="Version"/>): the shard that moves <see cref="ShardsCompleted"/> to
/// <see cref="ShardsPlanned"/> closes the run.
/// </summary>
public sealed record ScanRun
{
    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>What started it: timer, event, http, cli.</summary>
    public required string Trigger { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Where it is.</summary>
    public ScanRunStatus Status { get; init; } = ScanRunStatus.Running;

    /// <summary>Shards planned.</summary>
    public int ShardsPlanned { get; init; }

    /// <summary>Shards finished (successfully or not).</summary>
    public int ShardsCompleted { get; init; }

    /// <summary>Shards that failed permanently.</summary>
    public int ShardsFailed { get; init; }

    /// <summary>When it was closed.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>
    /// The one resource a targeted re-scan (after a change event) covers, with its children; null for a full scan.
    /// A targeted run's summary and notifications concern only that resource.
    /// </summary>
    public string? TargetResourceId { get; init; }

    /// <summary>Free-form summary (posture counts) as JSON, written when the run closes.</summary>
    public string? SummaryJson { get; init; }

    /// <summary>True when the run covers the finding's resource: always for a full scan, else the target and its children.</summary>
    public bool Covers(string resourceId)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        return TargetResourceId is not { } target
            || string.Equals(resourceId, target, StringComparison.OrdinalIgnoreCase)
            || (resourceId.Length > target.Length && resourceId[target.Length] == '/' && resourceId.StartsWith(target, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The query of the open findings the run may concern: its target's scope, or everything for a full scan (filter the results with <see cref="Covers"/>).</summary>
    public FindingQuery OpenFindingsQuery(int pageSize = 1000) =>
        new(Scope: TargetResourceId is { } target ? FindingScope.Of(target) : null, Status: FindingStatus.Open, PageSize: pageSize);

    /// <summary>The store's concurrency token of the version this instance was read from; null for a new run.</summary>
    public string? Version { get; init; }
}
