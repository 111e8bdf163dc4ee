using AiSpm.Application.Activities;
using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Activities;

/// <summary>The CloseScanRun activity: records how the shards went, attributes keys across shards, writes the summary.</summary>
public sealed class CloseScanRun(CloseScanRunActivity activity)
{
    /// <summary>Runs the activity.</summary>
    [Function(ActivityNames.CloseScanRun)]
    public Task<string> RunAsync([ActivityTrigger] RunClosure input, CancellationToken cancellationToken) => activity.RunAsync(input, cancellationToken);
}
