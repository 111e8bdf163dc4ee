using AiSpm.Application.Activities;
using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Activities;

/// <summary>The NotifyRun activity: Teams cards and digest, and rotation of exposed keys, for a closed run.</summary>
public sealed class NotifyRun(NotifyRunActivity activity)
{
    /// <summary>Runs the activity.</summary>
    [Function(ActivityNames.NotifyRun)]
    public Task RunAsync([ActivityTrigger] string input, CancellationToken cancellationToken) => activity.RunAsync(input, cancellationToken);
}
