using AiSpm.Workflows.Models;

namespace AiSpm.Cli.Demo;

/// <summary>Where the demo reports progress.</summary>
internal interface IDemoProgress
{
    /// <summary>A step completed.</summary>
    void Step(string message);

    /// <summary>The full scan's orchestration reported progress (its run, shards done of planned).</summary>
    void ScanProgressed(ScanProgress progress);
}
