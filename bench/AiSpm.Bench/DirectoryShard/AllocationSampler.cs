using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace AiSpm.Bench.DirectoryShard;

/// <summary>
/// Samples the runtime's allocation ticks (one event about every 100 KB allocated, naming the type whose allocation
/// crossed the mark) in this process, so a benchmark can say which types its allocations are mostly made of.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    /// <summary>Starts counting (the counts so far are cleared).</summary>
    public void Start()
    {
        _bytes.Clear();
        _recording = true;
    }

    /// <summary>Stops counting and returns the types with the most bytes sampled, largest first.</summary>
    public IReadOnlyList<(string Type, long Bytes)> Stop(int top)
    {
        _recording = false;
        return [.. _bytes.OrderByDescending(t => t.Value).Take(top).Select(t => (t.Key, t.Value))];
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // AllocationTick_V4: AllocationAmount, AllocationKind, ClrInstanceID, AllocationAmount64, TypeId, TypeName, …
        if (!_recording || eventData.EventId != 10 || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var name = eventData.PayloadNames.IndexOf("TypeName") is var i and >= 0 ? eventData.Payload[i] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var j and >= 0 && eventData.Payload[j] is ulong bytes ? (long)bytes : 100_000;
        _bytes.AddOrUpdate(name, amount, (_, total) => total + amount);
    }
}
