namespace AiSpm.Testing;

/// <summary>The system clock moved by an offset a test sets, so a scan can run "a month later" while timers keep real time.</summary>
public sealed class ShiftedClock : TimeProvider
{
    /// <summary>How far ahead of the system clock this one reads.</summary>
    public TimeSpan Offset { get; set; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
