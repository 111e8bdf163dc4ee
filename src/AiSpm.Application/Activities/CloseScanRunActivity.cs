using AiSpm.Application.Scanning;
using AiSpm.Workflows.Models;

namespace AiSpm.Application.Activities;

/// <summary>The <c>CloseScanRun</c> activity: records how the shards went, attributes keys across shards, writes the summary.</summary>
public sealed class CloseScanRunActivity(ScanCoordinator coordinator)
{
    /// <summary>Runs the activity; returns the run's summary JSON. Closing a closed run changes nothing.</summary>
    public async Task<string> RunAsync(RunClosure closure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(closure);
        // The run row counts every shard as completed, and the partial ones and the gaps as failed.
        var run = await coordinator.CloseRunAsync(closure.RunId, closure.ShardsCompleted - closure.ShardsIncomplete, closure.Gaps.Count + closure.ShardsIncomplete, closure.Tally, cancellationToken).ConfigureAwait(false);
        return run.SummaryJson ?? "{}";
    }
}
