namespace AiSpm.Workflows.Models;

/// <summary>What asking for the rotation of an exposure did.</summary>
public enum RotationStart
{
    /// <summary>A new instance started.</summary>
    Started,

    /// <summary>The exposure's instance is already running; this detection joins it.</summary>
    Joined,

    /// <summary>The exposure's rotation already ended in a way that stands (rotated, not a key any more, rejected, stopped by an operator, or the same dry run).</summary>
    Ended,

    /// <summary>Another exposure of the same account is being rotated; this one waits for a later scan, so both slots are never regenerated within one consumer wait.</summary>
    AccountBusy,
}
