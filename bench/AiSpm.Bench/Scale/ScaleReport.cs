using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AiSpm.Bench.Scale;

/// <summary>Writes one preset's JSON and the markdown summary of every preset whose JSON is in the results folder.</summary>
internal static class ScaleReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static readonly string[] PresetOrder = ["s-small", "s-medium", "s-large"];

    public static string JsonFile(string folder, PresetResult result) =>
        Path.Combine(folder, $"scale-{result.Preset}{result.FileSuffix}.json");

    public static void Save(string folder, PresetResult result)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(JsonFile(folder, result), JsonSerializer.Serialize(result, Json) + "\n");
    }

    public static IReadOnlyList<PresetResult> LoadAll(string folder) => Directory.Exists(folder)
        ? Directory.GetFiles(folder, "scale-*.json")
            .Select(f => JsonSerializer.Deserialize<PresetResult>(File.ReadAllText(f), Json)!)
            .OrderBy(r => !r.IsPlainPreset)
            .ThenBy(r => r.SubscriptionsOverride is not null)
            .ThenBy(r => Array.IndexOf(PresetOrder, r.Preset))
            .ThenBy(r => r.LatencyMilliseconds)
            .ToList()
        : [];

    public static string ToMarkdown(IReadOnlyList<PresetResult> results)
    {
        var sb = new StringBuilder();
        void Line(FormattableString text) => sb.AppendLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"# Scale benchmark");
        sb.AppendLine();
        foreach (var machine in results.GroupBy(r => r.Machine))
        {
            Line($"Machine: {machine.Key}; measured {string.Join("; ", machine.GroupBy(r => r.Date).Select(g => $"{g.Key} ({string.Join(", ", g.Select(r => r.Label))})"))}.");
        }

        sb.AppendLine();
        sb.AppendLine("Each preset is generated (seed in the JSON), served by the tenant emulator in the same process, and scanned by AiSpm");
        sb.AppendLine("(`TenantScanner`: subscription list, one Resource Graph query per batch of ≤ 300 subscriptions paged by 1,000 rows,");
        sb.AppendLine("per-resource ARM reads 16 at a time, every rule) and by the baseline collector (`bench/AiSpm.Bench/Scale/BaselineCollector.cs`:");
        sb.AppendLine("each AI type listed in each subscription, each resource read by id, all its child collections and its diagnostic");
        sb.AppendLine("settings listed, 16 at a time, same rules). Calls are requests the emulator received, retries included. A label such as");
        sb.AppendLine("`s-medium +50 ms` means the emulator delayed every request by that much, as a network to the real services would;");
        sb.AppendLine("`s-medium in 4 subscriptions` means the preset's resources generated into that many subscriptions (so the ARM buckets bind).");
        sb.AppendLine();

        Line($"## Tenants and the floor of API calls");
        sb.AppendLine();
        sb.AppendLine("Computed from the fixture files, not from any collector's counts. ARM lists page at the emulator's 100 items.");
        sb.AppendLine();
        sb.AppendLine("| preset | subscriptions | top-level AI resources | AI child resources | subscription pages | Resource Graph queries (batches) | child-collection lists | diagnostic-settings lists | Models API lists | container lists | AI Search data plane | **floor** | throttle-implied least time |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var f = r.Floor.Calls;
            Line($"| {r.Label} | {f.Subscriptions:N0} | {f.TopLevelAiResources:N0} | {f.ChildResources:N0} | {f.SubscriptionListPages:N0} | {f.ResourceGraphQueries:N0} ({f.ResourceGraphBatches}) | {f.ChildListCalls:N0} | {f.DiagnosticSettingsCalls:N0} | {f.ModelListCalls:N0} | {f.ContainerListCalls:N0} | {f.SearchDataPlaneCalls:N0} | **{f.Total:N0}** | {r.Floor.ThrottleImpliedSeconds:F0} s |");
        }

        sb.AppendLine();
        sb.AppendLine("| preset | generated files | generated MiB | emulator start | emulator RSS after start |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Line($"| {r.Label} | {r.Tenant.Files} | {r.Tenant.Bytes / (1024.0 * 1024):F1} | {r.Emulator.StartSeconds:F1} s | {r.Emulator.RssMiB:F0} MiB |");
        }

        foreach (var throttling in new[] { "off", "on" })
        {
            var rows = results.SelectMany(r => r.Runs.Where(x => x.Throttling == throttling).Select(x => (r, x))).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            sb.AppendLine();
            Line($"## Throttle models {throttling}");
            sb.AppendLine();
            sb.AppendLine("Wall time is the median of the repeats (each one is in the JSON), collectors alternating, after an unmeasured warm-up of");
            sb.AppendLine("both on the first 10 subscriptions. Peak RSS is the whole process (the emulator included), the highest over the repeats;");
            sb.AppendLine("\"above start\" is how far it rose during that scan (the scanner's share plus the emulator's garbage while serving it).");
            sb.AppendLine();
            sb.AppendLine("| preset | collector | wall time (median) | repeats | API calls | Resource Graph | ARM reads | AI Search data plane (floor) | 429s | calls ÷ floor | peak RSS | above start | AI resources | findings |");
            sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (r, x) in rows)
            {
                Line($"| {r.Label} | {x.Collector} | {x.WallSeconds:F2} s | {x.WallSecondsEach.Count} | {x.Calls:N0} | {x.CallsByKind.GetValueOrDefault("resourcegraph"):N0} | {x.CallsByKind.GetValueOrDefault("arm-read"):N0} | {x.CallsByKind.GetValueOrDefault("search-dataplane"):N0} ({r.Floor.Calls.SearchDataPlaneCalls:N0}) | {x.Throttled:N0} | {(double)x.Calls / r.Floor.Calls.Total:F2}× | {x.PeakRssMiB:F0} MiB | {x.PeakAboveStartMiB:F0} MiB | {x.Resources:N0} | {x.Findings:N0} |");
            }
        }

        sb.AppendLine();
        Line($"## Ratios");
        sb.AppendLine();
        sb.AppendLine("| preset | throttles | AiSpm calls ÷ floor | baseline calls ÷ AiSpm calls | baseline time ÷ AiSpm time | AiSpm time ÷ throttle-implied least time | findings only one side has |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            foreach (var group in r.Runs.GroupBy(x => x.Throttling))
            {
                var a = group.Single(x => x.Collector == "aispm");
                var b = group.Single(x => x.Collector == "baseline");
                var least = group.Key == "on" && r.Floor.ThrottleImpliedSeconds > 0 ? $"{a.WallSeconds / r.Floor.ThrottleImpliedSeconds:F2}×" : "–";
                Line($"| {r.Label} | {group.Key} | {(double)a.Calls / r.Floor.Calls.Total:F3}× | {(double)b.Calls / a.Calls:F2}× | {b.WallSeconds / a.WallSeconds:F2}× | {least} | {a.FindingsNotInOther + b.FindingsNotInOther} |");
            }
        }

        sb.AppendLine();
        Line($"## Calls per route, throttle models off");
        sb.AppendLine();
        var off = results.Where(r => r.IsPlainPreset).Select(r => (r.Preset, A: r.Runs.FirstOrDefault(x => x.Throttling == "off" && x.Collector == "aispm"), B: r.Runs.FirstOrDefault(x => x.Throttling == "off" && x.Collector == "baseline")))
            .Where(x => x.A is not null && x.B is not null).ToList();
        sb.Append("| route |");
        foreach (var (preset, _, _) in off)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {preset} AiSpm | {preset} baseline |");
        }

        sb.AppendLine();
        sb.Append("|---|");
        sb.AppendLine(string.Concat(Enumerable.Repeat("---:|---:|", off.Count)));
        var routes = off.SelectMany(x => x.A!.Routes.Keys.Concat(x.B!.Routes.Keys)).Distinct().Order(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| `{route}` |");
            foreach (var (_, a, b) in off)
            {
                sb.Append(CultureInfo.InvariantCulture, $" {a!.Routes.GetValueOrDefault(route):N0} | {b!.Routes.GetValueOrDefault(route):N0} |");
            }

            sb.AppendLine();
        }

        sb.AppendLine();
        Line($"## Targets of issue 10 (reported, not asserted)");
        sb.AppendLine();
        sb.AppendLine("| target | preset | measured | met |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var r in results.Where(r => r.IsPlainPreset))
        {
            var a = r.Runs.FirstOrDefault(x => x.Throttling == "off" && x.Collector == "aispm");
            var b = r.Runs.FirstOrDefault(x => x.Throttling == "off" && x.Collector == "baseline");
            if (a is null || b is null)
            {
                continue;
            }

            if (r.Preset == "s-large")
            {
                Line($"| scan ≤ 60 s, throttles off | {r.Preset} | {a.WallSeconds:F1} s | {Met(a.WallSeconds <= 60)} |");
                Line($"| ≤ 1 GiB RSS, throttles off | {r.Preset} | process peak {a.PeakRssMiB:F0} MiB incl. the emulator ({r.Emulator.RssMiB:F0} MiB after start); rise during the scan {a.PeakAboveStartMiB:F0} MiB | {Met(a.PeakRssMiB <= 1024)} (process), {Met(a.PeakAboveStartMiB <= 1024)} (rise) |");
            }

            var ratio = (double)a.Calls / r.Floor.Calls.Total;
            Line($"| calls ≤ 1.1× floor | {r.Preset} | {a.Calls:N0} ÷ {r.Floor.Calls.Total:N0} = {ratio:F3}× | {Met(ratio <= 1.1)} |");
            var fewer = (double)b.Calls / a.Calls;
            Line($"| ≥ 20× fewer calls than the baseline | {r.Preset} | {fewer:F2}× fewer | {Met(fewer >= 20)} |");
        }

        sb.AppendLine("| event → finding → Teams card p95 ≤ 2 s | – | measured by `bench/run.sh events`: see events.md | – |");
        return sb.ToString();
    }

    private static string Met(bool met) => met ? "yes" : "no";
}
