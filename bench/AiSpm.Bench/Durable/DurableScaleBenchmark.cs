using System.Diagnostics;
using System.Globalization;
using System.Text;
using AiSpm.Application.Configuration;
using AiSpm.Application.Scanning;
using AiSpm.Bench.Scale;
using AiSpm.Cli.Engine;
using AiSpm.Connectors.Storage;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Emulator.Generation;
using AiSpm.Emulator.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Bench.Durable;

/// <summary>
/// A full scan as the product runs it, at scale: the FullScan orchestration on the local durable engine (the Durable
/// Azure Storage backend over Azurite), every shard's findings and assets written to Table storage, the directory
/// shard over the generated Microsoft Graph data, against the emulator running in a process of its own. Credential
/// scanning is off so the ARM calls compare with the same floor as the scale benchmark.
/// </summary>
internal sealed class DurableScaleBenchmark(string preset, int seed, int activityConcurrency, Action<string> log)
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
            var floor = CallFloor.Compute(folder, 100);
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
            services.PostConfigure<ScanOptions>(o => o.ScanCredentials = false);
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<StorageClients>().EnsureCreatedAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var engine = await LocalScanEngine.StartAsync(provider, new LocalEngineOptions { TaskHub = "AiSpmBench", ActivityConcurrency = activityConcurrency }, cancellationToken: cancellationToken).ConfigureAwait(false);

            ProcessMemory.Settle();
            var rssBefore = ProcessMemory.RssMiB();
            var peakReset = ProcessMemory.TryResetPeak();
            var routesBefore = await emulator.RoutesAsync(cancellationToken).ConfigureAwait(false);
            log($"{preset}: full scan through the durable fan-out ({generated.Resources:N0} resources)");
            var watch = Stopwatch.StartNew();
            var run = await engine.RunFullScanAsync("bench", p => log($"{preset}: {p.ShardsDone}/{p.ShardsTotal} shards"), cancellationToken).ConfigureAwait(false);
            watch.Stop();
            var peak = ProcessMemory.PeakMiB();
            var routes = (await emulator.RoutesAsync(cancellationToken).ConfigureAwait(false))
                .Where(r => !r.Key.StartsWith("Emulator ", StringComparison.Ordinal))
                .Select(r => (r.Key, Count: r.Value - routesBefore.GetValueOrDefault(r.Key)))
                .Where(r => r.Count > 0)
                .ToDictionary(r => r.Key, r => r.Count, StringComparer.Ordinal);
            var findings = provider.GetRequiredService<IFindingStore>();
            var written = await findings.QueryAllAsync(new FindingQuery(), cancellationToken).CountAsync(cancellationToken).ConfigureAwait(false);
            var assets = await provider.GetRequiredService<IAssetStore>().ListAsync(cancellationToken: cancellationToken).CountAsync(cancellationToken).ConfigureAwait(false);

            long Calls(string service) => routes.Where(r => r.Key.StartsWith(service + " ", StringComparison.Ordinal)).Sum(r => r.Value);
            var graphBatches = routes.Where(r => r.Key.StartsWith("Graph ", StringComparison.Ordinal) && r.Key.Contains("$batch", StringComparison.Ordinal)).Sum(r => r.Value);
            var graphLists = new[] { "Graph GET /v1.0/servicePrincipals", "Graph GET /v1.0/applications", "Graph GET /v1.0/oauth2PermissionGrants" }.Sum(route => routes.GetValueOrDefault(route));
            var graphOther = Calls("Graph") - graphBatches - graphLists;
            var armCalls = Calls("ARM") + Calls("ARG");
            var report = new StringBuilder();
            var c = CultureInfo.InvariantCulture;
            report.AppendLine(c, $"# Durable full scan at scale: {preset}");
            report.AppendLine();
            report.AppendLine(c, $"`bench/run.sh durable --preset {preset}` on {Machine.Describe()}, {DateTimeOffset.UtcNow:yyyy-MM-dd}, seed {seed}. The FullScan");
            report.AppendLine("orchestration on the local durable engine (Durable Azure Storage backend over Azurite), findings and assets written to");
            report.AppendLine(c, $"Table storage, {activityConcurrency} activities at once; the tenant emulator in a process of its own, throttle models off; credential");
            report.AppendLine("scanning off (the ARM floor is the scale benchmark's).");
            report.AppendLine();
            report.AppendLine("| figure | value | target |");
            report.AppendLine("|---|---:|---:|");
            report.AppendLine(c, $"| resources in the tenant | {generated.Resources:N0} | |");
            report.AppendLine(c, $"| shards (subscription batches + directory) | {run.ShardsPlanned} ({run.ShardsCompleted} completed, {run.ShardsFailed} failed) | |");
            report.AppendLine(c, $"| wall time, start to run closed | {watch.Elapsed.TotalSeconds:F1} s | ≤ 60 s |");
            report.AppendLine(c, $"| peak RSS of the app process (emulator apart) | {peak:F0} MiB (before: {rssBefore:F0} MiB{(peakReset ? string.Empty : "; peak since process start")}) | ≤ 1,024 MiB |");
            report.AppendLine(c, $"| peak RSS of the emulator process | {emulator.PeakRssMiB():F0} MiB | |");
            report.AppendLine(c, $"| ARM + Resource Graph calls / floor | {armCalls:N0} / {floor.Total:N0} | = floor |");
            report.AppendLine(c, $"| Microsoft Graph list pages (service principals, applications, grants) / floor | {graphLists:N0} / {graphListFloor:N0} | = floor |");
            report.AppendLine(c, $"| Microsoft Graph $batch requests (20 reads each: app role assignments, owners) | {graphBatches:N0} | |");
            report.AppendLine(c, $"| Microsoft Graph single reads (policies, Copilot, agent identities) | {graphOther:N0} | |");
            report.AppendLine(c, $"| findings stored (all states) | {written:N0} ({written / watch.Elapsed.TotalSeconds:N0} per second of the scan) | |");
            report.AppendLine(c, $"| assets stored | {assets:N0} | |");
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
