using System.Diagnostics;
using System.Globalization;

namespace AiSpm.Application.Scanning;

/// <summary>Times the stages of a piece of work one after another: each lap is the time since the previous one.</summary>
internal sealed class StageClock
{
    private readonly List<(string Stage, TimeSpan Elapsed)> _laps = [];
    private long _last = Stopwatch.GetTimestamp();

    /// <summary>The laps so far, in order.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Elapsed)> Laps => _laps;

    /// <summary>Ends the stage named <paramref name="stage"/> now.</summary>
    public void Lap(string stage)
    {
        var now = Stopwatch.GetTimestamp();
        _laps.Add((stage, Stopwatch.GetElapsedTime(_last, now)));
        _last = now;
    }

    /// <summary>The laps as <c>stage 1.2 s, stage 0.3 s</c>.</summary>
    public override string ToString() =>
        string.Join(", ", _laps.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Stage} {l.Elapsed.TotalSeconds:F1} s")));
}
