using AiSpm.Application.Scanning;

namespace AiSpm.Application.Activities;

/// <summary>The <c>NotifyRun</c> activity: Teams cards and digest for a closed run (rotations start in the next step, StartRotations).</summary>
public sealed class NotifyRunActivity(ScanCoordinator coordinator)
{
    /// <summary>Runs the activity.</summary>
    public Task RunAsync(string runId, CancellationToken cancellationToken = default) => coordinator.NotifyRunAsync(runId, cancellationToken);
}
