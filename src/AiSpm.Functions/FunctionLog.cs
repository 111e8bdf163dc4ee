using Microsoft.Extensions.Logging;

namespace AiSpm.Functions;

/// <summary>The Functions app's own log messages (event ids 3500-3599).</summary>
internal static partial class FunctionLog
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Information, Message = "{Function}: {Line}")]
    public static partial void Handled(ILogger logger, string function, string line);
}
