namespace AiSpm.Application.Scanning;

/// <summary>A scan as its orchestration sees it.</summary>
/// <param name="Id">The orchestration instance id.</param>
/// <param name="RuntimeStatus">Pending, Running, Completed, Failed, Terminated, …</param>
/// <param name="RunId">The run row, once the plan recorded it.</param>
/// <param name="ShardsDone">Shards finished (ran or gave up).</param>
/// <param name="ShardsTotal">Shards planned (0 before the plan).</param>
public sealed record ScanState(string Id, string RuntimeStatus, string? RunId, int ShardsDone, int ShardsTotal);
