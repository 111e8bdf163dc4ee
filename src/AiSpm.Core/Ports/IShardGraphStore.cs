using AiSpm.Core.Graph;

namespace AiSpm.Core.Ports;

/// <summary>
/// Keeps the part of the graph each shard of a full scan recorded (<see cref="ShardGraph"/>) for its run's close, so
/// the close reads a few rows per shard instead of every asset and edge of the installation.
/// </summary>
public interface IShardGraphStore
{
    /// <summary>Stores (or replaces, when a shard's activity runs again) what shard <paramref name="shardIndex"/> of run <paramref name="runId"/> recorded at <paramref name="seenAt"/>.</summary>
    Task WriteAsync(string runId, int shardIndex, ShardGraph graph, DateTimeOffset seenAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// The parts of shards 0 to <paramref name="shards"/> − 1 of run <paramref name="runId"/>, in shard order, with each
    /// node's <c>LastSeen</c> set to when its shard recorded it; null when one is missing or was not written whole (the
    /// caller then lists the tables).
    /// </summary>
    Task<IReadOnlyList<ShardGraph>?> ReadAsync(string runId, int shards, CancellationToken cancellationToken = default);

    /// <summary>Removes the parts of every run but <paramref name="runId"/> written before <paramref name="before"/>; returns how many rows went.</summary>
    Task<int> RemoveOthersAsync(string runId, DateTimeOffset before, CancellationToken cancellationToken = default);
}
