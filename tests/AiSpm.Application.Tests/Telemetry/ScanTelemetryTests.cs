using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AiSpm.Connectors.Diagnostics;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Testing;

namespace AiSpm.Application.Tests.Telemetry;

/// <summary>What a scan reports through the <c>AiSpm</c> activity source and meter, as OpenTelemetry reads them.</summary>
public sealed class ScanTelemetryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_scan_traces_each_shard_and_measures_shards_findings_and_api_calls()
    {
        var spans = new ConcurrentBag<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AiSpmTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(activities);
        var measurements = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AiSpmTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Add((instrument.Name, value, Tags(tags))));
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Add((instrument.Name, value, Tags(tags))));
        meters.Start();
        await using var harness = await ScanHarness.StartAsync(azurite);

        var run = await harness.FullScanAsync();
        var open = await harness.Findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open)).CountAsync();

        bool OfRun(Dictionary<string, object?> tags) => Equals(tags.GetValueOrDefault("aispm.run_id"), run.RunId);
        var shardSpans = spans.Where(s => s.OperationName == "aispm.scan_shard" && Equals(s.GetTagItem("aispm.run_id"), run.RunId)).ToList();
        Assert.Equal(run.ShardsPlanned, shardSpans.Count);
        Assert.All(shardSpans, s => Assert.Equal("ok", s.GetTagItem("aispm.shard.outcome")));
        Assert.Contains(spans, s => s.OperationName == "aispm.close_run" && Equals(s.GetTagItem("aispm.run_id"), run.RunId));
        Assert.Equal(run.ShardsPlanned, measurements.Count(m => m.Instrument == "aispm.shard.duration" && OfRun(m.Tags)));
        var observed = measurements.Where(m => m.Instrument == "aispm.findings.observed" && OfRun(m.Tags)).ToList();
        Assert.Equal(open, (int)observed.Sum(m => m.Value));
        Assert.Contains(observed, m => Equals(m.Tags["severity"], "Critical"));
        Assert.Contains(measurements, m => m.Instrument == "aispm.api.calls" && Equals(m.Tags["service"], "resourcegraph"));
        Assert.Contains(measurements, m => m.Instrument == "aispm.api.calls" && Equals(m.Tags["service"], "arm"));
        Assert.Contains(measurements, m => m.Instrument == "aispm.api.calls" && Equals(m.Tags["service"], "graph") && Equals(m.Tags["kind"], "graph-read"));
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            map[key] = value;
        }

        return map;
    }
}
