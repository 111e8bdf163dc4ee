using AiSpm.Application.Scanning;

namespace AiSpm.Cli.Demo;

/// <summary>Where the demo reports progress.</summary>
internal interface IDemoProgress
{
    /// <summary>A step completed.</summary>
    void Step(string message);

    /// <summary>The scan was planned and queued.</summary>
    void ScanStarted(string runId, int shards);

    /// <summary>A shard finished.</summary>
    void ShardDone(ShardOutcome outcome);
}
