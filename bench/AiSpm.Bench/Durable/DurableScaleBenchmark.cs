using System.Diagnostics;
using System.Globalization;
using System.Text;
using AiSpm.Application.Configuration;
using AiSpm.Application.Scanning;
using AiSpm.Bench.Scale;
using AiSpm.Cli.Engine;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Collection;
using AiSpm.Connectors.Storage;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Emulator.Generation;
using AiSpm.Emulator.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiSpm.Bench.Durable;

/// <summary>
/// A full scan as the product runs it, at scale: the FullScan orchestration on the local durable engine (the Durable
/// Azure Storage backend over Azurite), every shard's findings and assets written to Table storage, the directory
/// shard over the generated Microsoft Graph data, against the emulator running in a process of its own. Credential
/// scanning is off so the ARM calls compare with the same floor as the scale benchmark.
/// </summary>
internal sealed class DurableScaleBenchmark(string preset, int seed, int activityConcurrency, int subscriptionsPerShard, bool allocations, Action<string> log)
{
    /// <summary>Microsoft Graph's largest page (<c>$top=999</c>), as the collector asks for it.</summary>
    private const int GraphPageSize = 999;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("aispm-durable-").FullName;
        try
        {
            log($"{preset}: generating (seed {seed})");
            var generated = TenantGenerator.Generate(TenantGenerationOptions.FromPreset(preset, seed), folder, cancellationToken);
            var floor = CallFloor.Compute(folder, 100, subscriptionsPerShard);
            var graphListFloor = new[] { "graph/servicePrincipals", "graph/applications", "graph/oauth2PermissionGrants" }
                .Sum(kind => Pages(generated.Counts.GetValueOrDefault(kind)));

            await using var azurite = await AzuriteProcess.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            log($"{preset}: starting the emulator in its own process");
            await using var emulator = await RemoteEmulator.StartAsync(folder, cancellationToken).ConfigureAwait(false);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StorageOptions.SettingName] = azurite.ConnectionString,
                [AppSettingNames.RotationMode] = "Off",
            }).Build();
            var services = emulator.AddTo(new ServiceCollection().AddAiSpm(configuration));
            // The run's close reports its stages in event 2323 and its attack-path stages in event 2310, each shard its stages in event 2322.
            var closeLog = new LogEventCapture(2310, 2322, 2323);
            services.AddLogging(b => b.AddProvider(closeLog));
            services.PostConfigure<ScanOptions>(o =>
            {
                o.ScanCredentials = false;
                o.SubscriptionsPerShard = subscriptionsPerShard;
            });
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<StorageClients>().EnsureCreatedAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var engine = await LocalScanEngine.StartAsync(provider, new LocalEngineOptions { TaskHub = "AiSpmBench", ActivityConcurrency = activityConcurrency }, cancellationToken: cancellationToken).ConfigureAwait(false);

            ProcessMemory.Settle();
            var rssBefore = ProcessMemory.RssMiB();
            var peakReset = ProcessMemory.TryResetPeak();
            var routesBefore = await emulator.RoutesAsync(cancellationToken).ConfigureAwait(false);
            log($"{preset}: full scan through the durable fan-out ({generated.Resources:N0} resources)");
            var cpuBefore = (App: Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Emulator: ProcessCpu.TreeSeconds(emulator.ProcessId), Azurite: ProcessCpu.TreeSeconds(azurite.ProcessId));
            using var sampler = allocations ? new DirectoryShard.AllocationSampler() : null;
            sampler?.Start();
            var watch = Stopwatch.StartNew();
            var run = await engine.RunFullScanAsync("bench", p => log($"{preset}: {p.ShardsDone}/{p.ShardsTotal} shards"), cancellationToken).ConfigureAwait(false);
            watch.Stop();
            var cpu = (App: Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - cpuBefore.App, Emulator: ProcessCpu.TreeSeconds(emulator.ProcessId) - cpuBefore.Emulator, Azurite: ProcessCpu.TreeSeconds(azurite.ProcessId) - cpuBefore.Azurite);
            var peak = ProcessMemory.PeakMiB();
            foreach (var (type, bytes) in sampler?.Stop(25) ?? [])
            {
                log($"  allocated during the scan: {bytes / 1048576.0,8:N0} MiB {type}");
            }

            var routes = (await emulator.RoutesAsync(cancellationToken).ConfigureAwait(false))
                .Where(r => !r.Key.StartsWith("Emulator ", StringComparison.Ordinal))
                .Select(r => (r.Key, Count: r.Value - routesBefore.GetValueOrDefault(r.Key)))
                .Where(r => r.Count > 0)
                .ToDictionary(r => r.Key, r => r.Count, StringComparer.Ordinal);
            var findings = provider.GetRequiredService<IFindingStore>();
            // The run's summary adds up the shards' tallies; the table counted after the scan must say the same.
            var tableCounts = await findings.CountBySeverityAsync(null, [FindingStatus.Open, FindingStatus.Exempted], cancellationToken: cancellationToken).ConfigureAwait(false);
            using var summary = System.Text.Json.JsonDocument.Parse(run.SummaryJson ?? "{}");
            int Summarised(string name) => summary.RootElement.TryGetProperty(name, out var counts) ? counts.EnumerateObject().Sum(p => p.Value.GetInt32()) : -1;
            var summaryAgrees = (Summarised("openBySeverity"), Summarised("exemptedBySeverity")) == (tableCounts[FindingStatus.Open].Values.Sum(), tableCounts[FindingStatus.Exempted].Values.Sum());
            // Each whole table read alone once, timed: what Azurite serves after a scan, without the close's reads side by side.
            var readWatch = Stopwatch.StartNew();
            var written = await findings.QueryAllAsync(new FindingQuery(), cancellationToken).CountAsync(cancellationToken).ConfigureAwait(false);
            var findingsReadSeconds = readWatch.Elapsed.TotalSeconds;
            readWatch.Restart();
            var assets = await provider.GetRequiredService<IAssetStore>().ListAsync(cancellationToken: cancellationToken).CountAsync(cancellationToken).ConfigureAwait(false);
            var assetsReadSeconds = readWatch.Elapsed.TotalSeconds;
            readWatch.Restart();
            var edgesStored = await provider.GetRequiredService<IEdgeStore>().ListAsync(cancellationToken: cancellationToken).CountAsync(cancellationToken).ConfigureAwait(false);
            var edgesReadSeconds = readWatch.Elapsed.TotalSeconds;

            // The run's close decided the attack paths; the same evaluation once more, alone, to see what it costs:
            // read what the shards handed it (or every asset and edge), the open findings, the two Resource Graph queries,
            // the path rules, record.
            log($"{preset}: the close's graph and attack-path evaluation, once more on its own");
            var paths = new AttackPathEvaluator(findings, provider.GetRequiredService<IAssetStore>(), provider.GetRequiredService<IEdgeStore>(),
                tables: new ResourceGraphEdgeCollector(provider.GetRequiredService<ArmConnection>()), shardGraphs: provider.GetRequiredService<IShardGraphStore>());
            ProcessMemory.Settle();
            var rssBeforeGraph = ProcessMemory.RssMiB();
            var graphPeakReset = ProcessMemory.TryResetPeak();
            var argBefore = (await emulator.RoutesAsync(cancellationToken).ConfigureAwait(false)).Where(r => r.Key.StartsWith("ARG ", StringComparison.Ordinal)).Sum(r => r.Value);
            var graphCpuBefore = (App: Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Azurite: ProcessCpu.TreeSeconds(azurite.ProcessId));
            var graphWatch = Stopwatch.StartNew();
            var evaluation = await paths.EvaluateAsync(run, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            var openPaths = evaluation.Open;
            graphWatch.Stop();
            var graphCpu = (App: Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - graphCpuBefore.App, Azurite: ProcessCpu.TreeSeconds(azurite.ProcessId) - graphCpuBefore.Azurite);
            var graphPeak = ProcessMemory.PeakMiB();
            var graphQueries = (await emulator.RoutesAsync(cancellationToken).ConfigureAwait(false)).Where(r => r.Key.StartsWith("ARG ", StringComparison.Ordinal)).Sum(r => r.Value) - argBefore;
            var batches = (generated.Counts.GetValueOrDefault("arm/subscriptions") + 299) / 300;

            long Calls(string service) => routes.Where(r => r.Key.StartsWith(service + " ", StringComparison.Ordinal)).Sum(r => r.Value);
            var graphBatches = routes.Where(r => r.Key.StartsWith("Graph ", StringComparison.Ordinal) && r.Key.Contains("$batch", StringComparison.Ordinal)).Sum(r => r.Value);
            var graphLists = new[] { "Graph GET /v1.0/servicePrincipals", "Graph GET /v1.0/applications", "Graph GET /v1.0/oauth2PermissionGrants" }.Sum(route => routes.GetValueOrDefault(route));
            var graphOther = Calls("Graph") - graphBatches - graphLists;
            // The floor counts the AI Search data plane's reads too (the emulator counts them as search:* routes).
            var armCalls = Calls("ARM") + Calls("ARG") + routes.Where(r => r.Key.StartsWith("search:", StringComparison.Ordinal)).Sum(r => r.Value);
            var report = new StringBuilder();
            var c = CultureInfo.InvariantCulture;
            report.AppendLine(c, $"# Durable full scan at scale: {preset}");
            report.AppendLine();
            report.AppendLine(c, $"`bench/run.sh durable --preset {preset}` on {Machine.Describe()}, {DateTimeOffset.UtcNow:yyyy-MM-dd}, seed {seed}. The FullScan");
            report.AppendLine("orchestration on the local durable engine (Durable Azure Storage backend over Azurite), findings and assets written to");
            report.AppendLine(c, $"Table storage, {activityConcurrency} activities at once, {subscriptionsPerShard} subscriptions a shard; the tenant emulator in a process of its own, throttle models off; credential");
            report.AppendLine("scanning off (the ARM floor is the scale benchmark's, its Resource Graph batches cut per shard as the planner cuts them).");
            report.AppendLine();
            report.AppendLine("| figure | value | target |");
            report.AppendLine("|---|---:|---:|");
            report.AppendLine(c, $"| resources in the tenant | {generated.Resources:N0} | |");
            report.AppendLine(c, $"| shards (subscription batches, directory, access) | {run.ShardsPlanned} ({run.ShardsCompleted} completed, {run.ShardsFailed} failed) | |");
            report.AppendLine(c, $"| wall time, start to run closed | {watch.Elapsed.TotalSeconds:F1} s | ≤ 60 s |");
            report.AppendLine(c, $"| peak RSS of the app process (emulator apart) | {peak:F0} MiB (before: {rssBefore:F0} MiB{(peakReset ? string.Empty : "; peak since process start")}) | ≤ 1,024 MiB |");
            report.AppendLine(c, $"| peak RSS of the emulator process | {emulator.PeakRssMiB():F0} MiB | |");
            report.AppendLine(c, $"| CPU used during the scan: app, emulator, Azurite (of {Environment.ProcessorCount} cores × the wall time = {Environment.ProcessorCount * watch.Elapsed.TotalSeconds:F0} s) | {cpu.App:F0} s, {cpu.Emulator:F0} s, {cpu.Azurite:F0} s | |");
            report.AppendLine(c, $"| ARM + Resource Graph + AI Search data plane calls / floor | {armCalls:N0} / {floor.Total:N0} | = floor |");
            report.AppendLine(c, $"| Microsoft Graph list pages (service principals, applications, grants) / floor | {graphLists:N0} / {graphListFloor:N0} | = floor |");
            report.AppendLine(c, $"| Microsoft Graph $batch requests (20 reads each: app role assignments, owners) | {graphBatches:N0} | |");
            report.AppendLine(c, $"| Microsoft Graph single reads (policies, Copilot, agent identities) | {graphOther:N0} | |");
            report.AppendLine(c, $"| findings stored (all states) | {written:N0} ({written / watch.Elapsed.TotalSeconds:N0} per second of the scan) | |");
            report.AppendLine(c, $"| open / exempted findings: the run's summary (the shards' tallies and the paths) against the table counted after it | {Summarised("openBySeverity"):N0} / {Summarised("exemptedBySeverity"):N0} against {tableCounts[FindingStatus.Open].Values.Sum():N0} / {tableCounts[FindingStatus.Exempted].Values.Sum():N0}{(summaryAgrees ? string.Empty : " (differ)")} | equal |");
            report.AppendLine(c, $"| assets stored | {assets:N0} | |");
            report.AppendLine(c, $"| edges stored / attack paths open | {edgesStored:N0} / {openPaths:N0} | |");
            report.AppendLine(c, $"| each whole table read alone after the scan (findings, assets with their facts, edges) | {findingsReadSeconds:F1} s, {assetsReadSeconds:F1} s, {edgesReadSeconds:F1} s ({written / findingsReadSeconds:N0}, {assets / assetsReadSeconds:N0}, {edgesStored / edgesReadSeconds:N0} rows/s) | |");
            report.AppendLine(c, $"| the run's close after the last shard (event 2323) | {closeLog.Messages(2323).LastOrDefault() ?? "(not logged)"} | |");
            report.AppendLine(c, $"| the run's close on attack paths (event 2310; the first run writes every identity and role edge) | {closeLog.Messages(2310).LastOrDefault() ?? "(not logged)"} | |");
            report.AppendLine(c, $"| graph and attack-path evaluation of the close again, alone, nothing changed | {graphWatch.Elapsed.TotalSeconds:F1} s ({graphWatch.Elapsed.TotalSeconds / watch.Elapsed.TotalSeconds:P1} of the scan's wall time) | ≤ 10 % |");
            report.AppendLine(c, $"| CPU used during it: app, Azurite | {graphCpu.App:F1} s, {graphCpu.Azurite:F1} s | |");
            report.AppendLine(c, $"| its stages | {string.Join(", ", evaluation.Stages.Select(st => string.Create(c, $"{st.Stage} {st.Elapsed.TotalSeconds:F1} s")))} | |");
            report.AppendLine(c, $"| peak RSS during it | {graphPeak:F0} MiB (before: {rssBeforeGraph:F0} MiB{(graphPeakReset ? string.Empty : "; peak since process start")}; the scan's peak: {peak:F0} MiB) | ≤ 110 % of the scan's peak |");
            report.AppendLine(c, $"| its Resource Graph queries (role assignments, alerts; pages included) / two per batch of 300 subscriptions | {graphQueries:N0} / {2 * batches:N0} | = 2 per batch plus pages |");
            report.AppendLine();
            report.AppendLine("Each shard's stages (event 2322):");
            report.AppendLine();
            foreach (var shardStages in closeLog.Messages(2322))
            {
                report.AppendLine(c, $"- {shardStages}");
            }

            report.AppendLine();
            report.AppendLine("Calls by route:");
            report.AppendLine();
            report.AppendLine("| route | calls |");
            report.AppendLine("|---|---:|");
            foreach (var (route, count) in routes.Where(r => !r.Key.StartsWith("Emulator ", StringComparison.Ordinal)).OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
            {
                report.AppendLine(c, $"| `{route}` | {count:N0} |");
            }

            return report.ToString();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Pages(int items) => Math.Max(1, (items + GraphPageSize - 1) / GraphPageSize);
}
