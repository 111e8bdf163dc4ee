namespace AiSpm.Workflows.Models;

/// <summary>The outcome of a full scan orchestration.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Shards">Shards planned.</param>
/// <param name="Findings">Findings recorded over all shards.</param>
/// <param name="Closure">How the run was closed, coverage gaps included.</param>
/// <param name="NotifyError">Why notifications failed, if they did (they never fail the scan).</param>
/// <param name="Rotations">What starting the rotations of exposed keys did, in one line.</param>
public sealed record FullScanResult(string RunId, int Shards, int Findings, RunClosure Closure, string? NotifyError = null, string? Rotations = null);
