using AiSpm.Application.Functions;
using AiSpm.Application.Scanning;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace AiSpm.Functions.Triggers;

/// <summary>Timer (<c>%AISPM_SCAN_SCHEDULE%</c>, UTC NCRONTAB): starts the FullScan orchestration of the tick.</summary>
public sealed class ScheduledScan(AiSpmFunctionApp app, ILogger<ScheduledScan> logger)
{
    /// <summary>Runs the function.</summary>
    [Function(FunctionNames.ScheduledScan)]
    public async Task RunAsync(
        [TimerTrigger("%AISPM_SCAN_SCHEDULE%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var line = await app.ScheduledScanAsync(timer.IsPastDue, new DurableScanLauncher(client), cancellationToken).ConfigureAwait(false);
        FunctionLog.Handled(logger, FunctionNames.ScheduledScan, line);
    }
}
