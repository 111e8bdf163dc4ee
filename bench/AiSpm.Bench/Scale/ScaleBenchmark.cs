using System.Diagnostics;
using AiSpm.Connectors.Arm;
using AiSpm.Core.Rules;
using AiSpm.Emulator;
using AiSpm.Emulator.Faults;
using AiSpm.Emulator.Generation;
using AiSpm.Application.Scanning;
using Azure.Core.Pipeline;

namespace AiSpm.Bench.Scale;

/// <summary>
/// One preset: generate the tenant into a temporary folder, compute the call floor from its files, serve it with the
/// emulator in this process, then scan it with AiSpm (<see cref="TenantScanner"/>: collection and every rule) and with
/// the <see cref="BaselineCollector"/> (same rules), throttle models off and/or on. Calls are counted by the emulator.
/// </summary>
internal sealed class ScaleBenchmark(string preset, int seed, IReadOnlyList<bool> throttlingModes, int repeat, int latencyMilliseconds, int? subscriptionCount, Action<string> log)
{
    /// <summary>Subscriptions both collectors scan, unmeasured, before the first measured run.</summary>
    private const int WarmUpSubscriptions = 10;

    /// <summary>Per-resource reads in flight, for AiSpm (its default) and for the baseline alike.</summary>
    private const int Parallelism = 16;

    private string Name => PresetResult.LabelOf(preset, latencyMilliseconds, subscriptionCount);

    private sealed record ScanOutcome(int Resources, HashSet<string> Findings, int Errors, IReadOnlyDictionary<string, int> CallsByKind, double GraphSeconds = 0);

    public async Task<PresetResult> RunAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("aispm-bench-").FullName;
        try
        {
            log($"{Name}: generating (seed {seed})");
            var watch = Stopwatch.StartNew();
            var sizes = TenantGenerationOptions.FromPreset(preset, seed);
            if (subscriptionCount is { } count)
            {
                // Same resources, fewer subscriptions: more reads per subscription, so the ARM token buckets bind.
                sizes.Subscriptions = count;
            }

            var generated = TenantGenerator.Generate(sizes, folder, cancellationToken);
            var tenant = new TenantFigures(watch.Elapsed.TotalSeconds, generated.Files, generated.Bytes, generated.Resources, generated.TopLevelResources, generated.Counts);

            var options = new EmulatorOptions { FixtureFolder = folder, Seed = seed };
            SetThrottling(options, on: false);
            options.Throttling.GraphEnabled = false;
            if (latencyMilliseconds > 0)
            {
                // Every request waits this long before it is served, as if the services were across a network.
                options.Faults.Add(new FaultRule { Kind = FaultKind.Latency, LatencyMilliseconds = latencyMilliseconds });
            }

            var floor = CallFloor.Compute(folder, options.ArmPageSize);
            var t = options.Throttling;
            var floorFigures = new FloorFigures(floor, floor.ThrottleImpliedSeconds(t.ResourceGraphQueriesPerWindow, t.ResourceGraphWindow, t.ArmReadBurst, t.ArmReadsPerSecond));
            log($"{Name}: floor {floor.Total:N0} calls ({floor.ResourceGraphQueries} Resource Graph queries, {floor.SearchDataPlaneCalls:N0} AI Search data-plane reads, {floor.ContainerListCalls:N0} container lists); starting the emulator");

            ProcessMemory.Settle();
            var rssBeforeStart = ProcessMemory.RssMiB();
            watch.Restart();
            await using var emulator = await EmulatorServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
            var startSeconds = watch.Elapsed.TotalSeconds;
            ProcessMemory.Settle();
            var emulatorFigures = new EmulatorFigures(startSeconds, rssBeforeStart, ProcessMemory.RssMiB(), options.ArmPageSize);

            // Warm-up (not measured): both collectors on the first subscriptions, so neither measured run pays the JIT alone.
            var subscriptions = await new Connectors.Collection.AzureAiCollector(Connect(emulator)).ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
            await new TenantScanner(Connect(emulator), scanCredentials: false).ScanAsync("warm-up", [.. subscriptions.Take(WarmUpSubscriptions)], cancellationToken: cancellationToken).ConfigureAwait(false);
            await new BaselineCollector(Connect(emulator), Parallelism).CollectAsync(WarmUpSubscriptions, cancellationToken).ConfigureAwait(false);

            var runs = new List<RunResult>();
            var refill = TimeSpan.FromSeconds(Math.Max(t.ArmReadBurst / t.ArmReadsPerSecond, t.ResourceGraphWindow.TotalSeconds) + 1);
            var throttledRunsSoFar = 0;
            async Task<(RunResult, HashSet<string>)> Measure(string collector, bool throttled, Func<ArmConnection, CancellationToken, Task<ScanOutcome>> scan)
            {
                if (throttled && throttledRunsSoFar++ > 0)
                {
                    // Let the buckets refill and the Resource Graph window close, so every throttled run starts as fresh as the first.
                    await Task.Delay(refill, cancellationToken).ConfigureAwait(false);
                }

                return await MeasureAsync(collector, throttled, emulator, scan, cancellationToken).ConfigureAwait(false);
            }

            foreach (var throttled in throttlingModes)
            {
                SetThrottling(options, throttled);
                var aispm = new List<(RunResult Run, HashSet<string> Findings)>();
                var baseline = new List<(RunResult Run, HashSet<string> Findings)>();
                for (var i = 0; i < repeat; i++)
                {
                    // Alternating, so neither collector always runs on the warmer process.
                    aispm.Add(await Measure("aispm", throttled, async (connection, ct) =>
                    {
                        var report = await new TenantScanner(connection, scanCredentials: false).ScanAsync("bench", cancellationToken: ct).ConfigureAwait(false);
                        return new ScanOutcome(report.Inventory.Resources.Count, Keys(report.Results), report.Errors.Count, connection.Calls.Snapshot(), report.GraphElapsed.TotalSeconds);
                    }).ConfigureAwait(false));
                    baseline.Add(await Measure("baseline", throttled, async (connection, ct) =>
                    {
                        var result = await new BaselineCollector(connection, Parallelism).CollectAsync(null, ct).ConfigureAwait(false);
                        var results = RuleCatalog.Default.Evaluate(new PostureSnapshot { Azure = result.Inventory, EvaluatedAt = DateTimeOffset.UtcNow });
                        return new ScanOutcome(result.Inventory.Resources.Count, Keys(results), result.Errors, connection.Calls.Snapshot());
                    }).ConfigureAwait(false));
                }

                runs.Add(Combine(aispm, baseline[0].Findings));
                runs.Add(Combine(baseline, aispm[0].Findings));
            }

            return new PresetResult(preset, seed, DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Machine.Describe(),
                tenant, emulatorFigures, floorFigures, runs) { LatencyMilliseconds = latencyMilliseconds, SubscriptionsOverride = subscriptionCount };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<(RunResult Run, HashSet<string> Findings)> MeasureAsync(
        string collector, bool throttled, EmulatorServer emulator, Func<ArmConnection, CancellationToken, Task<ScanOutcome>> scan, CancellationToken cancellationToken)
    {
        var connection = Connect(emulator);
        var routesBefore = emulator.Stats.Routes.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        var throttledBefore = emulator.Stats.Statuses.GetValueOrDefault(429);
        ProcessMemory.Settle();
        var rssBefore = ProcessMemory.RssMiB();
        var perRun = ProcessMemory.TryResetPeak();
        var watch = Stopwatch.StartNew();
        var outcome = await scan(connection, cancellationToken).ConfigureAwait(false);
        watch.Stop();
        var peak = ProcessMemory.PeakMiB();
        var routes = emulator.Stats.Routes
            .Select(r => (r.Key, Count: r.Value - routesBefore.GetValueOrDefault(r.Key)))
            .Where(r => r.Count > 0)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(r => r.Key, r => r.Count, StringComparer.Ordinal);
        var run = new RunResult(collector, throttled ? "on" : "off", watch.Elapsed.TotalSeconds, rssBefore, peak, perRun,
            routes.Values.Sum(), emulator.Stats.Statuses.GetValueOrDefault(429) - throttledBefore, outcome.CallsByKind, routes,
            outcome.Resources, outcome.Findings.Count, outcome.Errors, 0) { WallSecondsEach = [watch.Elapsed.TotalSeconds], CallsEach = [routes.Values.Sum()] };
        log($"{Name}: {collector}, throttles {run.Throttling}: {run.WallSeconds:F2} s, AI Search data plane {outcome.CallsByKind.GetValueOrDefault("search-dataplane"):N0}{(collector == "aispm" ? $" (attack-path stage {outcome.GraphSeconds:F2} s, {outcome.GraphSeconds / Math.Max(1e-9, run.WallSeconds):P1})" : string.Empty)}, {run.Calls:N0} calls, {run.Throttled} throttled, peak {peak:F0} MiB");
        return (run, outcome.Findings);
    }

    /// <summary>
    /// One row from the repeats: median wall time (every repeat kept), the highest peak, calls and findings of the first
    /// repeat (the counts of later repeats are in <see cref="RunResult.CallsEach"/>; they should not differ).
    /// </summary>
    private static RunResult Combine(List<(RunResult Run, HashSet<string> Findings)> repeats, HashSet<string> otherFindings)
    {
        var first = repeats[0].Run;
        var walls = repeats.Select(r => r.Run.WallSeconds).ToList();
        var sorted = walls.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        var highest = repeats.Select(r => r.Run).MaxBy(r => r.PeakRssMiB)!;
        return first with
        {
            WallSeconds = median,
            WallSecondsEach = walls,
            CallsEach = repeats.Select(r => r.Run.Calls).ToList(),
            PeakRssMiB = highest.PeakRssMiB,
            RssBeforeMiB = highest.RssBeforeMiB,
            FindingsNotInOther = repeats[0].Findings.Count(f => !otherFindings.Contains(f)),
        };
    }

    /// <summary>The per-resource findings of a run: the baseline collects the same data but builds no graph, so attack paths (AISPM-4xxx) are not compared.</summary>
    private static HashSet<string> Keys(IEnumerable<RuleResult> results) => results
        .Where(r => r.Outcome == RuleOutcome.Fail && !AiSpm.Core.Rules.Paths.PathRule.IsPathRule(r.Rule.Id))
        .Select(r => $"{r.Rule.Id}|{r.ResourceId.ToLowerInvariant()}|{r.SubKey}")
        .ToHashSet(StringComparer.Ordinal);

    private static void SetThrottling(EmulatorOptions options, bool on)
    {
        options.Throttling.ArmEnabled = on;
        options.Throttling.ResourceGraphEnabled = on;
    }

    private static ArmConnection Connect(EmulatorServer emulator) =>
        new(emulator.Credential, emulator.ArmEndpoint, options: new ArmPipelineOptions { Transport = new HttpClientTransport(emulator.CreateRoutingHandler()) });
}
