using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AiSpm.Connectors.Diagnostics;

/// <summary>
/// AiSpm's traces and metrics (source and meter <c>AiSpm</c>), exported by OpenTelemetry in the Functions app
/// (Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set) and readable by any listener elsewhere.
/// </summary>
public static class AiSpmTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "AiSpm";

    /// <summary>Spans around scan steps (shards, run closing).</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>The meter of every AiSpm instrument.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>Calls sent to an API, every attempt counted (tags: <c>service</c>, <c>kind</c>).</summary>
    public static Counter<long> ApiCalls { get; } = Meter.CreateCounter<long>("aispm.api.calls", "{call}", "Calls AiSpm sent to an API, retries included.");

    /// <summary>Calls an API throttled with 429 (tag: <c>service</c>).</summary>
    public static Counter<long> ApiThrottles { get; } = Meter.CreateCounter<long>("aispm.api.throttles", "{call}", "Calls an API answered 429 Too Many Requests.");

    /// <summary>Failing rule results a shard recorded (tags: <c>severity</c>, <c>aispm.run_id</c>).</summary>
    public static Counter<long> FindingsObserved { get; } = Meter.CreateCounter<long>("aispm.findings.observed", "{finding}", "Findings a shard observed and recorded, by severity.");

    /// <summary>How long a shard took (tags: <c>kind</c>, <c>outcome</c>, <c>aispm.run_id</c>).</summary>
    public static Histogram<double> ShardDuration { get; } = Meter.CreateHistogram<double>("aispm.shard.duration", "s", "Collection, evaluation and recording of one scan shard.");
}
