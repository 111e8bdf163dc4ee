using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AiSpm.Bench.Durable;

/// <summary>Keeps the messages of the log events with the ids asked for, so the benchmark can print what the run reported.</summary>
internal sealed class LogEventCapture(params int[] eventIds) : ILoggerProvider
{
    private readonly ConcurrentQueue<(int EventId, string Message)> _messages = new();

    /// <summary>The messages kept, in the order they were logged.</summary>
    public IEnumerable<string> Messages(int eventId) => _messages.Where(m => m.EventId == eventId).Select(m => m.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogEventCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (capture._eventIds.Contains(eventId.Id))
            {
                capture._messages.Enqueue((eventId.Id, formatter(state, exception)));
            }
        }
    }

    private readonly int[] _eventIds = eventIds;
}
