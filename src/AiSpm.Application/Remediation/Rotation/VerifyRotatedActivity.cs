using AiSpm.Workflows.Models;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>The <c>VerifyRotated</c> activity: true when the exposed value is no longer one of the account's keys.</summary>
public sealed class VerifyRotatedActivity(CheckExposureActivity check)
{
    /// <summary>Runs the activity (read-only).</summary>
    public async Task<bool> RunAsync(ExposedKeyRotation rotation, CancellationToken cancellationToken = default) =>
        !(await check.RunAsync(rotation, cancellationToken).ConfigureAwait(false)).StillExposed;
}
