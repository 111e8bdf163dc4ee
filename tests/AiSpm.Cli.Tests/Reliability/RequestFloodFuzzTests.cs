using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using AiSpm.Application.Configuration;
using AiSpm.Application.Events;
using AiSpm.Application.Remediation.Rotation;
using AiSpm.Cli.Hosting;
using AiSpm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiSpm.Cli.Tests.Reliability;

/// <summary>
/// 10,000 seeded hostile requests and events against every local route and both event webhooks (loopback only):
/// type-confused, huge, unicode, control characters, path traversal, forged approval tokens. None may answer 5xx, and
/// nothing may be logged as an error. The counts are printed so the run shows what was tried.
/// </summary>
public sealed class RequestFloodFuzzTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const string Key = "flood-key-0123456789abcdef";
    private const int Requests = 10_000;

    private static readonly string[] Fragments =
    [
        "", "x", "%00", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "%23", "%3F", "%5C", "rotation-0123456789abcdef-0123456789abcdef", "rotation-", "tenant",
        "6f1c0a00-0000-4000-8000-000000000001", new string('a', 300), "%F0%9F%94%91", "%E2%80%AE", "null", "-1", "1e309", "%0D%0AX-Injected:1",
    ];

    private static readonly string[] Bodies =
    [
        "", "null", "[]", "{}", "\"text\"", "1", "{\"justification\":\"ok ok\",\"expiresInDays\":\"30\"}", "{\"justification\":5,\"expiresInDays\":[]}",
        "{\"justification\":\"" + new string('j', 3000) + "\",\"expiresInDays\":30}", "token=abc", "token=" + new string('t', 2000), "{\"a\":" + new string('[', 2000),
        "[{\"id\":1,\"eventType\":{},\"subject\":[],\"data\":\"x\"}]",
        "[{\"id\":\"1\",\"topic\":\"/subscriptions/x\",\"subject\":\"/subscriptions/not-a-guid/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/a\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",\"eventTime\":\"2026-12-03T08:00:00Z\",\"data\":{\"resourceUri\":\"/subscriptions/not-a-guid/resourceGroups/r/providers/Microsoft.CognitiveServices/accounts/a\",\"operationName\":7},\"dataVersion\":\"2\",\"metadataVersion\":\"1\"}]",
        "[{\"id\":\"2\",\"topic\":\"/x\",\"subject\":\"s\",\"eventType\":\"Microsoft.KeyVault.SecretNearExpiry\",\"eventTime\":\"2026-12-03T08:00:00Z\",\"data\":{\"ObjectName\":\"../../x\",\"VaultName\":{},\"Version\":[1]},\"dataVersion\":\"1\",\"metadataVersion\":\"1\"}]",
        "{\"specversion\":\"1.0\",\"type\":\"Microsoft.Resources.ResourceDeleteSuccess\",\"source\":\"/s\",\"id\":\"3\",\"subject\":\"\\u0000\",\"data\":{}}",
    ];

    private sealed class ErrorLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Errors { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Errors);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error)
                {
                    errors.Enqueue($"{category} {eventId.Id}: {formatter(state, exception)} {exception?.GetType().Name}");
                }
            }
        }
    }

    [Fact]
    public async Task Ten_thousand_hostile_requests_and_events_get_no_5xx_and_log_no_error()
    {
        var errors = new ErrorLog();
        using var loggers = new LoggerFactory([errors]);
        await using var harness = await ScanHarness.StartAsync(azurite, loggers: loggers, settings: new Dictionary<string, string?> { [AppSettingNames.RotationMode] = "DryRun" });
        var engine = await harness.EngineAsync();
        await using var server = await LocalServer.StartAsync(new ServerOptions { Port = 0, ApiKey = Key }, harness.FunctionApp(new ResourceChangeFilter()), engine.Launcher, loggers: loggers,
            rotations: new LocalRotations(harness.Services.GetRequiredService<RotationRequests>(), engine.Client, harness.Services.GetRequiredService<RotationOptions>()));
        using var client = new HttpClient { BaseAddress = server.BaseUri };
        var random = new Random(20261203);
        string F() => Fragments[random.Next(Fragments.Length)];
        var plan = Enumerable.Range(0, Requests).Select(_ => random.Next(10) switch
        {
            0 => (HttpMethod.Get, $"/api/findings?{F()}={F()}&severity={F()}&pageSize={F()}", (string?)null, true),
            1 => (HttpMethod.Post, $"/api/findings/{F()}/{F()}/suppress", Bodies[random.Next(Bodies.Length)], true),
            2 => (HttpMethod.Get, $"/api/scans/{F()}", null, true),
            3 => (HttpMethod.Get, $"/api/rotations?active={F()}", null, true),
            4 => (HttpMethod.Post, $"/api/rotations/{F()}/terminate", Bodies[random.Next(Bodies.Length)], true),
            5 => (random.Next(2) == 0 ? HttpMethod.Get : HttpMethod.Post, $"/api/rotations/{F()}/{(random.Next(2) == 0 ? "approve" : "reject")}?token={F()}", Bodies[random.Next(Bodies.Length)], false),
            6 => (HttpMethod.Post, "/runtime/webhooks/eventgrid?functionName=ResourceChanged", Bodies[random.Next(Bodies.Length)], true),
            7 => (HttpMethod.Post, "/runtime/webhooks/eventgrid?functionName=SecretNearExpiry", Bodies[random.Next(Bodies.Length)], true),
            8 => (HttpMethod.Get, $"/api/inventory?{F()}={F()}", null, random.Next(4) > 0),
            _ => (HttpMethod.Post, $"/api/findings/tenant/{F()}/suppress", Bodies[random.Next(Bodies.Length)], random.Next(4) > 0),
        }).ToList();
        var statuses = new ConcurrentDictionary<int, int>();
        var serverErrors = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (call, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(call.Item1, call.Item2);
            if (call.Item3 is not null)
            {
                request.Content = new StringContent(call.Item3, Encoding.UTF8, call.Item3.StartsWith("token=", StringComparison.Ordinal) ? "application/x-www-form-urlencoded" : "application/json");
            }

            if (call.Item4)
            {
                request.Headers.Add("x-functions-key", Key);
            }

            using var response = await client.SendAsync(request, cancellationToken);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if ((int)response.StatusCode >= 500)
            {
                serverErrors.Enqueue($"{call.Item1} {call.Item2} <- {call.Item3?[..Math.Min(80, call.Item3.Length)]}: {(int)response.StatusCode}");
            }
        });
        clock.Stop();

        output.WriteLine($"{Requests} requests in {clock.Elapsed.TotalSeconds:0.0} s: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));

        // The same hostile bodies as queue messages, the way the queue-triggered functions get them: each is
        // acknowledged with its reason (a thrown exception would be retried five times and end in the poison queue).
        var functions = harness.FunctionApp(new ResourceChangeFilter());
        var launcher = engine.Launcher;
        var thrown = new List<string>();
        var messages = 0;
        foreach (var body in Enumerable.Range(0, 1_000).Select(_ => Bodies[random.Next(Bodies.Length)] + (random.Next(3) == 0 ? F() : string.Empty)))
        {
            foreach (var queue in new Func<string, Task<IReadOnlyList<string>>>[] { m => functions.ResourceChangedAsync(m, launcher, CancellationToken.None), m => functions.SecretNearExpiryAsync(m, CancellationToken.None) })
            {
                messages++;
                try
                {
                    Assert.NotNull(await queue(body));
                }
                catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
                {
                    thrown.Add($"{ex.GetType().Name}: {ex.Message} <- {body[..Math.Min(80, body.Length)]}");
                }
            }
        }

        output.WriteLine($"{messages} queue messages: {thrown.Count} thrown");
        Assert.True(thrown.Count == 0, string.Join("\n", thrown.Take(20)));
        Assert.True(serverErrors.IsEmpty, string.Join("\n", serverErrors.Take(20)));
        Assert.True(errors.Errors.IsEmpty, string.Join("\n", errors.Errors.Take(20)));
        Assert.Equal(Requests, statuses.Values.Sum());
        Assert.Empty(await harness.Runs.ListRecentAsync(5)); // nothing above was a real change: no scan started
    }
}
