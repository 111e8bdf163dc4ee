using AiSpm.Application.Activities;
using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Activities;

/// <summary>The NotifyRun activity: Teams cards and digest for a closed run (rotations start in the next step, StartRotations).</summary>
public sealed class NotifyRun(NotifyRunActivity activity)
{
    /// <summary>Runs the activity.</summary>
    [Function(ActivityNames.NotifyRun)]
    public Task RunAsync([ActivityTrigger] string input, CancellationToken cancellationToken) => activity.RunAsync(input, cancellationToken);
}
