namespace AiSpm.Workflows;

/// <summary>The activities the orchestrations call, by name: the Functions app and the local host register an implementation of each.</summary>
public static class ActivityNames
{
    /// <summary><see cref="Models.FullScanRequest"/> → <see cref="Models.ScanPlan"/>: lists subscriptions, records the run, plans shards.</summary>
    public const string PlanFullScan = nameof(PlanFullScan);

    /// <summary><see cref="Models.ResourceScanRequest"/> → <see cref="Models.ScanPlan"/> of one shard: records an event run for the resource.</summary>
    public const string PlanResourceScan = nameof(PlanResourceScan);

    /// <summary><see cref="Core.Scans.ScanShard"/> → <see cref="Models.ShardResult"/>: collects, evaluates and records one shard (idempotent).</summary>
    public const string ScanShard = nameof(ScanShard);

    /// <summary><see cref="Models.RunClosure"/> → run summary JSON: cross-shard key attribution, resolve-unseen, the run row's final state.</summary>
    public const string CloseScanRun = nameof(CloseScanRun);

    /// <summary>Run id → nothing: Teams cards and digest for the closed run.</summary>
    public const string NotifyRun = nameof(NotifyRun);

    /// <summary>
    /// Run id → one line: starts (or joins) a <c>RotateExposedKey</c> instance for every open exposed-key finding the
    /// rotation mode lets AiSpm act on. Never fails a scan.
    /// </summary>
    public const string StartRotations = nameof(StartRotations);
}
