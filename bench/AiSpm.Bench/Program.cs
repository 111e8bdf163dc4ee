using System.Diagnostics;
using System.Globalization;
using AiSpm.Bench.Events;
using AiSpm.Bench.Scale;
using AiSpm.Bench.Storage;
using AiSpm.Connectors.Storage;
using AiSpm.Emulator.Storage;
using AiSpm.Emulator.Generation;

// Usage: AiSpm.Bench storage [--entities N] [--partitions P] [--parallelism K] [--out DIR]
//        AiSpm.Bench scale [--preset s-small|s-medium|s-large|LIST|all] [--throttling off|on|both] [--seed N] [--repeat R] [--latency-ms L] [--subscriptions N] [--report-only] [--no-durable] [--out DIR]
//        AiSpm.Bench events [--preset s-small|s-medium|LIST] [--events N] [--seed N] [--out DIR]
//        AiSpm.Bench durable [--preset s-small|s-medium|s-large] [--seed N] [--concurrency N] [--subscriptions-per-shard N] [--allocations] [--out DIR]
//        AiSpm.Bench directory [--preset s-small|s-medium|s-large] [--seed N] [--repeat R] [--allocations] [--out DIR]
const string Usage = "usage: AiSpm.Bench storage [--entities N] [--partitions P] [--parallelism K] [--baseline FIGURES.json [--baseline-label TEXT]] [--out DIR]\n" +
    "       AiSpm.Bench scale [--preset s-small|s-medium|s-large|LIST|all] [--throttling off|on|both] [--seed N] [--repeat R] [--latency-ms L] [--subscriptions N] [--report-only] [--no-durable] [--out DIR]\n" +
    "       AiSpm.Bench events [--preset s-small|s-medium|LIST] [--events N] [--seed N] [--out DIR]\n" +
    "       AiSpm.Bench durable [--preset s-small|s-medium|s-large] [--seed N] [--concurrency N] [--subscriptions-per-shard N] [--allocations] [--out DIR]\n" +
    "       AiSpm.Bench directory [--preset s-small|s-medium|s-large] [--seed N] [--repeat R] [--allocations] [--out DIR]";
if (args.Length == 0 || args[0] is not ("storage" or "scale" or "events" or "durable" or "directory"))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

string? Text(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

int Option(string name, int fallback) => Text(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

var outDir = Text("--out");
if (args[0] == "scale")
{
    return await Scale().ConfigureAwait(false);
}

if (args[0] == "events")
{
    return await Events().ConfigureAwait(false);
}

if (args[0] is "durable" or "directory")
{
    var preset = Text("--preset") ?? "s-large";
    void Log(string line) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
    var report = args[0] == "durable"
        ? await new AiSpm.Bench.Durable.DurableScaleBenchmark(preset, Option("--seed", 1), Option("--concurrency", 8), Option("--subscriptions-per-shard", new AiSpm.Application.Scanning.ScanOptions().SubscriptionsPerShard), args.Contains("--allocations"), Log)
            .RunAsync(CancellationToken.None).ConfigureAwait(false)
        : await new AiSpm.Bench.DirectoryShard.DirectoryCollectionBenchmark(preset, Option("--seed", 1), Option("--repeat", 3), args.Contains("--allocations"), Log)
            .RunAsync(CancellationToken.None).ConfigureAwait(false);
    Console.WriteLine(report);
    if (outDir is not null)
    {
        Directory.CreateDirectory(outDir);
        await File.WriteAllTextAsync(Path.Combine(outDir, $"{args[0]}-{preset}.md"), report).ConfigureAwait(false);
    }

    return 0;
}

var entities = Option("--entities", 20_000);
var partitions = Option("--partitions", 16);
var parallelism = Option("--parallelism", 8);

var external = Environment.GetEnvironmentVariable("AISPM_BENCH_STORAGE");
await using var azurite = external is null ? await AzuriteProcess.StartAsync() : null;
var storage = StorageClientFactory.Create(new StorageOptions { ConnectionString = azurite?.ConnectionString ?? external });
var figures = await new StorageThroughputBenchmark(storage, entities, partitions, parallelism).RunAsync(CancellationToken.None);
var machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion.Platform}, .NET {Environment.Version}";
var baseline = Text("--baseline") is { } baselineFile ? StorageThroughputBenchmark.FromJson(await File.ReadAllTextAsync(baselineFile)) : null;
var markdown = StorageThroughputBenchmark.ToMarkdown(figures, machine, baseline, Text("--baseline-label"));
Console.WriteLine(markdown);
if (outDir is not null)
{
    Directory.CreateDirectory(outDir);
    await File.WriteAllTextAsync(Path.Combine(outDir, "storage.md"), markdown);
    await File.WriteAllTextAsync(Path.Combine(outDir, "storage.json"), StorageThroughputBenchmark.ToJson(figures));
}

return 0;

async Task<int> Scale()
{
    var preset = Text("--preset") ?? "all";
    var presets = preset == "all" ? [.. TenantGenerationOptions.PresetNames] : preset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    var throttling = Text("--throttling") ?? "both";
    var seed = Option("--seed", 1);
    var repeat = Option("--repeat", 3);
    var latency = Option("--latency-ms", 0);
    int? subscriptions = Text("--subscriptions") is null ? null : Option("--subscriptions", 0);
    bool[]? modes = throttling switch { "off" => [false], "on" => [true], "both" => [false, true], _ => null };
    if (modes is null || presets.Length == 0 || repeat < 1 || latency < 0 || subscriptions < 1 || presets.Any(p => !TenantGenerationOptions.PresetNames.Contains(p)) || (subscriptions is not null && presets.Length > 1))
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }

    var folder = outDir ?? Directory.CreateTempSubdirectory("aispm-bench-results-").FullName;
    if (args.Contains("--report-only"))
    {
        // Rebuilds scale.md from the JSON files already in the folder; measures nothing.
    }
    else if (presets.Length > 1)
    {
        // One process per preset, so each peak RSS belongs to that preset alone; the children leave the printing to this one.
        foreach (var one in presets)
        {
            var code = await RunChild(["scale", "--preset", one, "--throttling", throttling, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--repeat", repeat.ToString(CultureInfo.InvariantCulture), "--latency-ms", latency.ToString(CultureInfo.InvariantCulture), "--out", folder, "--quiet"]).ConfigureAwait(false);
            if (code != 0)
            {
                return code;
            }
        }
    }
    else
    {
        var result = await new ScaleBenchmark(presets[0], seed, modes, repeat, latency, subscriptions, message => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}"))
            .RunAsync(CancellationToken.None).ConfigureAwait(false);
        ScaleReport.Save(folder, result);
    }

    var summary = ScaleReport.ToMarkdown(ScaleReport.LoadAll(folder));
    await File.WriteAllTextAsync(Path.Combine(folder, "scale.md"), summary).ConfigureAwait(false);
    if (!args.Contains("--quiet"))
    {
        Console.WriteLine(summary);
    }

    Console.Error.WriteLine($"results: {Path.Combine(folder, "scale.md")}");
    if (presets.Contains("s-large") && !args.Contains("--quiet") && !args.Contains("--report-only") && !args.Contains("--no-durable"))
    {
        // S-large also runs end to end as the product runs it: the FullScan orchestration's fan-out on Azurite with Table
        // writes and the directory shard (durable-s-large.md), in a process of its own so its peak RSS is its own.
        Console.Error.WriteLine("s-large: the full scan through the durable fan-out (bench/run.sh durable --preset s-large)");
        return await RunChild(["durable", "--preset", "s-large", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--out", folder]).ConfigureAwait(false);
    }

    return 0;
}

async Task<int> Events()
{
    var presets = (Text("--preset") ?? "s-small,s-medium").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    var count = Option("--events", 20);
    var seed = Option("--seed", 1);
    if (presets.Length == 0 || count < 1 || presets.Any(p => !TenantGenerationOptions.PresetNames.Contains(p)))
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }

    var folder = outDir ?? Directory.CreateTempSubdirectory("aispm-bench-results-").FullName;
    Directory.CreateDirectory(folder);
    foreach (var preset in presets)
    {
        var result = await new EventLatencyBenchmark(preset, count, seed, message => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}"))
            .RunAsync(CancellationToken.None).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, $"events-{preset}.json"), EventLatencyResult.ToJson(result)).ConfigureAwait(false);
    }

    var all = Directory.GetFiles(folder, "events-*.json").Order(StringComparer.Ordinal)
        .Select(f => EventLatencyResult.FromJson(File.ReadAllText(f))).OfType<EventLatencyResult>()
        .OrderBy(r => Array.IndexOf([.. TenantGenerationOptions.PresetNames], r.Preset)).ToList();
    var markdown = EventLatencyResult.ToMarkdown(all);
    await File.WriteAllTextAsync(Path.Combine(folder, "events.md"), markdown).ConfigureAwait(false);
    Console.WriteLine(markdown);
    return 0;
}

static async Task<int> RunChild(string[] childArgs)
{
    var host = Environment.ProcessPath!;
    var start = new ProcessStartInfo(host) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
    {
        start.ArgumentList.Add(typeof(ScaleBenchmark).Assembly.Location);
    }

    foreach (var arg in childArgs)
    {
        start.ArgumentList.Add(arg);
    }

    using var child = Process.Start(start)!;
    await child.WaitForExitAsync().ConfigureAwait(false);
    return child.ExitCode;
}
