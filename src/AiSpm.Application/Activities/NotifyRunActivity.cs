using AiSpm.Application.Scanning;

namespace AiSpm.Application.Activities;

/// <summary>The <c>NotifyRun</c> activity: Teams cards and digest, and rotation of exposed keys, for a closed run.</summary>
public sealed class NotifyRunActivity(ScanCoordinator coordinator)
{
    /// <summary>Runs the activity.</summary>
    public Task RunAsync(string runId, CancellationToken cancellationToken = default) => coordinator.NotifyRunAsync(runId, cancellationToken);
}
