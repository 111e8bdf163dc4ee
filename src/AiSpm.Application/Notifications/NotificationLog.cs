using Microsoft.Extensions.Logging;

namespace AiSpm.Application.Notifications;

/// <summary>Source-generated log messages of notifications (event ids 3400–3449).</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 3400, Level = LogLevel.Information, Message = "Teams: run {RunId}: {Alerts} finding cards sent, digest {Digest}")]
    public static partial void RunNotified(ILogger logger, string runId, int alerts, string digest);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Teams: run {RunId}: notification failed after {Sent} cards ({Reason}); the rest is retried after the next run")]
    public static partial void NotificationFailed(ILogger logger, string runId, int sent, string reason);
}
