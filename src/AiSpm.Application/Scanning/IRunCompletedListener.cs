using AiSpm.Core.Scans;

namespace AiSpm.Application.Scanning;

/// <summary>Told when a scan run closes (notifications, exports, remediation hand-off). Failures are logged, never fatal.</summary>
public interface IRunCompletedListener
{
    /// <summary>Handles the closed run.</summary>
    Task OnRunCompletedAsync(ScanRun run, CancellationToken cancellationToken);
}
