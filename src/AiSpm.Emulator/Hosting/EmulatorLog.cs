using Microsoft.Extensions.Logging;

namespace AiSpm.Emulator.Hosting;

/// <summary>Source-generated log messages of the tenant emulator (event ids 9000–9099).</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Information, Message = "Tenant emulator listening on {BaseUri} (certificate SHA-256 {Thumbprint})")]
    public static partial void Started(ILogger logger, Uri baseUri, string thumbprint);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Debug, Message = "{Route} -> {Status}")]
    public static partial void Served(ILogger logger, string route, int status);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Error, Message = "Request {Method} {Path} failed inside the emulator")]
    public static partial void RequestCrashed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Injected {Fault} into {Route}")]
    public static partial void FaultInjected(ILogger logger, string fault, string route);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Information, Message = "Throttled {Route}: retry after {RetryAfterSeconds} s")]
    public static partial void Throttled(ILogger logger, string route, int retryAfterSeconds);
}
