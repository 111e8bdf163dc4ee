using AiSpm.Application.Scanning;
using AiSpm.Application.Functions;
using Microsoft.Extensions.Logging;

namespace AiSpm.Cli.Hosting;

/// <summary>Local mode's stand-in for the timer trigger: starts a full scan at each occurrence of the schedule (UTC).</summary>
internal static partial class LocalTimer
{
    public static async Task RunAsync(Cronos.CronExpression schedule, AiSpmFunctionApp functions, IScanLauncher launcher, ILogger logger, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            if (schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }

            await Task.Delay(next - now, cancellationToken).ConfigureAwait(false);
            try
            {
                ScanStarted(logger, await functions.ScheduledScanAsync(pastDue: false, launcher, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                ScanFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "Timer: {Line}")]
    private static partial void ScanStarted(ILogger logger, string line);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Error, Message = "Timer could not start a scan")]
    private static partial void ScanFailed(ILogger logger, Exception exception);
}
