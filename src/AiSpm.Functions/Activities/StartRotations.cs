using AiSpm.Application.Remediation.Rotation;
using AiSpm.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AiSpm.Functions.Activities;

/// <summary>The StartRotations activity, the last step of a scan: starts or joins the rotation of each open exposed key.</summary>
public sealed class StartRotations(StartRotationsActivity activity)
{
    /// <summary>Runs the activity.</summary>
    [Function(ActivityNames.StartRotations)]
    public Task<string> RunAsync([ActivityTrigger] string input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        activity.RunAsync(client, input, cancellationToken);
}
