using AiSpm.Cli.Engine;
using AiSpm.Cli.Emulation;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AiSpm.Bench.Scale;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Storage;
using AiSpm.Emulator.Storage;
using AiSpm.Application.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using AiSpm.Connectors.Teams;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Emulator.EventGrid;
using AiSpm.Emulator.Generation;
using AiSpm.Application.Events;
using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using AiSpm.Cli.Hosting;
using AiSpm.Application.Notifications;
using AiSpm.Application.Scanning;
using Azure.Core.Pipeline;

namespace AiSpm.Bench.Events;

/// <summary>
/// Event → finding → Teams card latency through the real local server: a generated tenant in the emulator (throttle
/// models on), Azurite, <c>aispm serve</c>'s routes, poller and Teams notifier. After one full scan, each
/// round opens a clean Cognitive Services account to the internet (PATCH in the emulator), delivers the
/// <c>ResourceWriteSuccess</c> event to the Event Grid webhook the way Event Grid does, and times the webhook's
/// answer, the new finding (its first-seen stamp) and the alert card arriving at the Teams sink.
/// </summary>
internal sealed class EventLatencyBenchmark(string preset, int events, int seed, Action<string> log)
{
    private const string Hook = "bench";
    private const string ApiVersion = "2024-10-01";

    public async Task<EventLatencyResult> RunAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("aispm-bench-events-").FullName;
        try
        {
            log($"{preset}: generating (seed {seed})");
            var generated = TenantGenerator.Generate(TenantGenerationOptions.FromPreset(preset, seed), folder, cancellationToken);
            await using var azurite = await AzuriteProcess.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var tenant = await EmulatedTenant.StartAsync(folder, cancellationToken: cancellationToken).ConfigureAwait(false);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StorageOptions.SettingName] = azurite.ConnectionString,
                [AppSettingNames.SubscriptionsPerShard] = "5",
                [AppSettingNames.RotationMode] = "Off",
            }).Build();
            var services = tenant.AddTo(new ServiceCollection().AddAiSpm(configuration));
            services.RemoveAll<Microsoft.Graph.GraphServiceClient>(); // Azure AI events only, as measured before
            services.AddSingleton(tenant.TeamsSink(Hook, maxAlertsPerRun: 1000));
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<StorageClients>().EnsureCreatedAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var runs = provider.GetRequiredService<IScanRunStore>();
            var findings = provider.GetRequiredService<IFindingStore>();
            var assets = provider.GetRequiredService<IAssetStore>();
            var key = LocalServer.NewApiKey();
            await using var engine = await LocalScanEngine.StartAsync(provider, new LocalEngineOptions { TaskHub = "AiSpmBench" }, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var server = await LocalServer.StartAsync(new ServerOptions { Port = 0, ApiKey = key }, provider.GetRequiredService<AiSpmFunctionApp>(), engine.Launcher,
                cancellationToken: cancellationToken).ConfigureAwait(false);

            log($"{preset}: full scan of {generated.Resources:N0} resources");
            var watch = Stopwatch.StartNew();
            await engine.RunFullScanAsync("bench", cancellationToken: cancellationToken).ConfigureAwait(false);

            var fullScanSeconds = watch.Elapsed.TotalSeconds;
            var open = await findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            var exposed = open.Where(f => f.Finding.Key.RuleId == "AISPM-1001").Select(f => f.Finding.Key.ResourceId).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var candidates = await assets.ListAsync(cancellationToken: cancellationToken)
                .Where(a => string.Equals(a.Type, "Microsoft.CognitiveServices/accounts", StringComparison.OrdinalIgnoreCase) && !exposed.Contains(a.ResourceId))
                .Take(events).ToListAsync(cancellationToken).ConfigureAwait(false);
            log($"{preset}: {open.Count:N0} open findings after {fullScanSeconds:F1} s; {candidates.Count} clean accounts for {events} events");

            var arm = new ArmRestClient(tenant.ConnectArm());
            using var http = new HttpClient();
            var publisher = new EventGridPublisher(http);
            var webhook = new Uri(server.BaseUri, $"runtime/webhooks/eventgrid?functionName={FunctionNames.ResourceChanged}&code={Uri.EscapeDataString(key)}");
            var rounds = new List<EventRound>();
            foreach (var account in candidates)
            {
                await arm.PatchAsync(account.ResourceId, ApiVersion, new { properties = new { publicNetworkAccess = "Enabled", networkAcls = new { defaultAction = "Allow" } } }, cancellationToken).ConfigureAwait(false);
                var subscription = account.ResourceId.Split('/')[2];
                var change = EventGridEventFactory.ResourceEvent("Microsoft.Resources.ResourceWriteSuccess", generated.TenantId, subscription, account.ResourceId,
                    "Microsoft.CognitiveServices/accounts/write", DateTimeOffset.UtcNow);
                var posted = tenant.Server.Teams.PostsTo(Hook).Count;

                var sent = DateTimeOffset.UtcNow;
                var clock = Stopwatch.StartNew();
                using (var answer = await publisher.PublishEventGridEventsAsync(webhook, [change], cancellationToken).ConfigureAwait(false))
                {
                    answer.EnsureSuccessStatusCode();
                }

                var acknowledged = clock.Elapsed.TotalMilliseconds;
                double? card = null;
                while (clock.Elapsed < TimeSpan.FromSeconds(30))
                {
                    var posts = tenant.Server.Teams.PostsTo(Hook);
                    if (posts.Skip(posted).Any(p => p.ToJsonString().Contains(JsonEncodedText.Encode(account.ResourceId).ToString(), StringComparison.OrdinalIgnoreCase)))
                    {
                        card = clock.Elapsed.TotalMilliseconds;
                        break;
                    }

                    await Task.Delay(2, cancellationToken).ConfigureAwait(false);
                }

                // The first finding the change opened on the account (which rules fire depends on the account's kind).
                var finding = await findings.QueryAllAsync(new FindingQuery(Scope: FindingScope.Of(account.ResourceId), Status: FindingStatus.Open), cancellationToken)
                    .Where(f => string.Equals(f.Finding.Key.ResourceId, account.ResourceId, StringComparison.OrdinalIgnoreCase) && f.FirstSeen >= sent)
                    .OrderBy(f => f.FirstSeen).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                rounds.Add(new EventRound(account.Name, acknowledged, finding is null ? null : (finding.FirstSeen - sent).TotalMilliseconds, card));
                log($"{preset}: {account.Name}: ack {acknowledged:F0} ms, finding {(finding is null ? "none" : $"{(finding.FirstSeen - sent).TotalMilliseconds:F0} ms")}, card {(card is null ? "none" : $"{card:F0} ms")}");
            }

            return new EventLatencyResult(preset, seed, Machine.Describe(), DateTimeOffset.UtcNow, generated.Resources, open.Count, fullScanSeconds, rounds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>One event: webhook answer, finding first seen and card arrival, in milliseconds after the event was sent (null: never).</summary>
internal sealed record EventRound(string Account, double AcknowledgedMs, double? FindingMs, double? CardMs);

/// <summary>The figures of one preset.</summary>
internal sealed record EventLatencyResult(string Preset, int Seed, string Machine, DateTimeOffset At, int Resources, int OpenFindings, double FullScanSeconds, IReadOnlyList<EventRound> Rounds)
{
    public static double? Percentile(IEnumerable<double?> values, double p)
    {
        var sorted = values.Where(v => v is not null).Select(v => v!.Value).Order().ToList();
        return sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static string ToMarkdown(IReadOnlyList<EventLatencyResult> results)
    {
        static string Ms(double? v) => v is null ? "—" : v.Value.ToString("N0", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine("# Event → finding → Teams card latency").AppendLine()
            .AppendLine("Generated by `bench/run.sh events`. Milliseconds from delivering a `ResourceWriteSuccess` event to the local Event Grid")
            .AppendLine("webhook of `aispm serve` (emulator throttle models on, Azurite) until: the webhook answered; the new finding's")
            .AppendLine("first-seen stamp; the alert card reached the Teams sink. Events are sent one at a time after a full scan. Target (issue 10): p95 ≤ 2 s.")
            .AppendLine();
        if (results.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Machine: {results[0].Machine}.").AppendLine().AppendLine();
        }

        text.AppendLine("| preset | resources | open findings | events | webhook p50 / p95 | finding p50 / p95 | card p50 / p95 / max | cards missing |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var card = r.Rounds.Select(x => x.CardMs).ToList();
            text.Append(CultureInfo.InvariantCulture,
                $"| {r.Preset} | {r.Resources:N0} | {r.OpenFindings:N0} | {r.Rounds.Count} | {Ms(Percentile(r.Rounds.Select(x => (double?)x.AcknowledgedMs), 50))} / {Ms(Percentile(r.Rounds.Select(x => (double?)x.AcknowledgedMs), 95))} " +
                $"| {Ms(Percentile(r.Rounds.Select(x => x.FindingMs), 50))} / {Ms(Percentile(r.Rounds.Select(x => x.FindingMs), 95))} " +
                $"| {Ms(Percentile(card, 50))} / {Ms(Percentile(card, 95))} / {Ms(card.Max())} | {card.Count(c => c is null)} |").AppendLine();
        }

        return text.ToString();
    }

    public static string ToJson(EventLatencyResult result) => JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });

    public static EventLatencyResult? FromJson(string json) => JsonSerializer.Deserialize<EventLatencyResult>(json, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
}
