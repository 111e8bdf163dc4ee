using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AiSpm.Application.Configuration;
using AiSpm.Bench.Durable;
using AiSpm.Bench.Scale;
using AiSpm.Connectors.Graph;
using AiSpm.Core.Rules;
using AiSpm.Emulator.Generation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Bench.DirectoryShard;

/// <summary>
/// The directory shard's collection alone, repeated: the generated tenant's service principals, applications, grants,
/// app role assignments and owners read from the emulator (in a process of its own) through the Microsoft Graph client
/// as a scan reads them, then the directory rules evaluated on what was read. It prints, per repetition, the wall time,
/// the CPU the app and the emulator used and the bytes the app allocated, and a digest of the findings, so a change to
/// how the directory is read shows its cost and whether it changed what the rules decide.
/// </summary>
internal sealed class DirectoryCollectionBenchmark(string preset, int seed, int repeat, bool allocations, Action<string> log)
{
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("aispm-directory-").FullName;
        try
        {
            log($"{preset}: generating (seed {seed})");
            var generated = TenantGenerator.Generate(TenantGenerationOptions.FromPreset(preset, seed), folder, cancellationToken);
            await using var emulator = await RemoteEmulator.StartAsync(folder, cancellationToken).ConfigureAwait(false);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [AppSettingNames.RotationMode] = "Off",
            }).Build();
            await using var provider = emulator.AddTo(new ServiceCollection().AddAiSpm(configuration)).BuildServiceProvider();
            var graph = provider.GetRequiredService<Microsoft.Graph.GraphServiceClient>();
            var c = CultureInfo.InvariantCulture;
            var report = new StringBuilder();
            report.AppendLine(c, $"# Directory collection: {preset}");
            report.AppendLine();
            report.AppendLine(c, $"`bench/run.sh directory --preset {preset}` on {Machine.Describe()}, {DateTimeOffset.UtcNow:yyyy-MM-dd}, seed {seed}: the directory");
            report.AppendLine("shard's reads (service principals, applications, grants, app role assignments, owners, policies) from the emulator in");
            report.AppendLine("a process of its own, then the directory rules on what was read; nothing else runs. The first repetition includes the");
            report.AppendLine("code's first compilation.");
            report.AppendLine();
            report.AppendLine(c, $"Generated: {generated.Counts.GetValueOrDefault("graph/servicePrincipals"):N0} service principals, {generated.Counts.GetValueOrDefault("graph/applications"):N0} applications, {generated.Counts.GetValueOrDefault("graph/oauth2PermissionGrants"):N0} delegated grants.");
            report.AppendLine();
            report.AppendLine("| repetition | collect | evaluate | app CPU | emulator CPU | app allocated (collecting) | app peak RSS collecting (before) | Graph requests | findings (digest) |");
            report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            using var sampler = allocations ? new AllocationSampler() : null;
            for (var i = 1; i <= repeat; i++)
            {
                ProcessMemory.Settle();
                var rssBefore = ProcessMemory.RssMiB();
                ProcessMemory.TryResetPeak();
                var app = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
                var emulatorCpu = ProcessCpu.TreeSeconds(emulator.ProcessId);
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                sampler?.Start();
                var watch = Stopwatch.StartNew();
                var directory = await new GraphDirectoryCollector(graph).CollectAsync(cancellationToken).ConfigureAwait(false);
                var collectSeconds = watch.Elapsed.TotalSeconds;
                var collectAllocatedMiB = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
                var collectPeak = ProcessMemory.PeakMiB();
                var collectTypes = sampler?.Stop(12);
                sampler?.Start();
                watch.Restart();
                var failed = new List<string>();
                RuleCatalog.Default.Evaluate(new PostureSnapshot { Directory = directory.Inventory, EvaluatedAt = DateTimeOffset.UnixEpoch }, result =>
                {
                    if (result.Outcome == RuleOutcome.Fail)
                    {
                        failed.Add(new Core.Findings.FindingKey(result.Rule.Id, result.ResourceId, result.SubKey).Id);
                    }
                });
                var evaluateSeconds = watch.Elapsed.TotalSeconds;
                var evaluateTypes = sampler?.Stop(12);
                var appSeconds = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - app;
                var emulatorSeconds = ProcessCpu.TreeSeconds(emulator.ProcessId) - emulatorCpu;
                var allocatedMiB = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
                failed.Sort(StringComparer.Ordinal);
                var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', failed))))[..12];
                log($"{preset}: repetition {i}: collect {collectSeconds:F1} s, evaluate {evaluateSeconds:F1} s, app CPU {appSeconds:F1} s, allocated {allocatedMiB:N0} MiB ({collectAllocatedMiB:N0} collecting), peak RSS collecting {collectPeak:N0} MiB (from {rssBefore:N0}), {failed.Count:N0} findings ({digest}), {directory.Errors.Count} errors");
                foreach (var (stage, types) in new[] { ("collecting", collectTypes), ("evaluating", evaluateTypes) })
                {
                    foreach (var (type, bytes) in types ?? [])
                    {
                        log($"  allocated {stage}: {bytes / 1048576.0,8:N0} MiB {type}");
                    }
                }

                report.AppendLine(c, $"| {i} | {collectSeconds:F1} s | {evaluateSeconds:F1} s | {appSeconds:F1} s | {emulatorSeconds:F1} s | {allocatedMiB:N0} MiB ({collectAllocatedMiB:N0} MiB) | {collectPeak:N0} MiB ({rssBefore:N0} MiB) | {directory.Calls:N0} | {failed.Count:N0} ({digest}) |");
            }

            return report.ToString();
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}
