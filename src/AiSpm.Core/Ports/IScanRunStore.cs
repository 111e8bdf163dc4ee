using AiSpm.Core.Scans;

namespace AiSpm.Core.Ports;

/// <summary>Stores scan runs; updates are optimistic (<see cref="ScanRun.Version"/>).</summary>
public interface IScanRunStore
{
    /// <summary>Creates a run; returns it with its version.</summary>
    Task<ScanRun> CreateAsync(ScanRun run, CancellationToken cancellationToken = default);

    /// <summary>Reads a run, or null.</summary>
    Task<ScanRun?> GetAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="run"/> if the stored version still equals its <see cref="ScanRun.Version"/>;
    /// throws <see cref="ConcurrencyConflictException"/> otherwise. Returns it with its new version.
    /// </summary>
    Task<ScanRun> UpdateAsync(ScanRun run, CancellationToken cancellationToken = default);

    /// <summary>The most recent runs, newest first.</summary>
    Task<IReadOnlyList<ScanRun>> ListRecentAsync(int count, CancellationToken cancellationToken = default);
}
