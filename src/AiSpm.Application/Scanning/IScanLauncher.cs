namespace AiSpm.Application.Scanning;

/// <summary>
/// Starts scans and reports on them for the entry points (timer, HTTP, events, CLI). The Functions app and the local
/// host launch durable orchestrations through a <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/>.
/// </summary>
public interface IScanLauncher
{
    /// <summary>Starts a full scan for the tick <paramref name="requestedAt"/>; a second start for the same trigger and tick starts nothing.</summary>
    Task<ScanStart> StartFullScanAsync(string trigger, DateTimeOffset requestedAt, CancellationToken cancellationToken = default);

    /// <summary>Starts the re-scan of one changed resource, or tells the one running for it.</summary>
    Task<ScanStart> StartResourceScanAsync(string resourceId, string trigger, string? eventId, CancellationToken cancellationToken = default);

    /// <summary>What is known of a scan by the id <see cref="ScanStart.Id"/> gave, or null.</summary>
    Task<ScanState?> DescribeAsync(string id, CancellationToken cancellationToken = default);
}
