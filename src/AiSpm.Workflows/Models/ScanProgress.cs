namespace AiSpm.Workflows.Models;

/// <summary>The custom status of a scan orchestration: how far the fan-out is.</summary>
/// <param name="RunId">The run, once planned.</param>
/// <param name="ShardsDone">Shards finished (ran or gave up).</param>
/// <param name="ShardsTotal">Shards planned.</param>
public sealed record ScanProgress(string? RunId, int ShardsDone, int ShardsTotal);
