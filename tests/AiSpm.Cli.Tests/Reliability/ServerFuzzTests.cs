using System.Net;
using System.Text;
using AiSpm.Application.Events;
using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using AiSpm.Cli.Hosting;
using AiSpm.Testing;

namespace AiSpm.Cli.Tests.Reliability;

/// <summary>Fuzzed bodies and paths at every local route: never a 500, always a problem that says what is wrong.</summary>
public sealed class ServerFuzzTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Key = "fuzz-key-0123456789abcdef";

    [Fact]
    public async Task No_route_answers_500_to_malformed_input()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var functions = harness.FunctionApp(new ResourceChangeFilter());
        await using var server = await LocalServer.StartAsync(new ServerOptions { Port = 0, ApiKey = Key }, functions, await harness.LauncherAsync());
        using var client = new HttpClient { BaseAddress = server.BaseUri };
        client.DefaultRequestHeaders.Add("x-functions-key", Key);
        var random = new Random(7);
        string[] bodies =
        [
            "", "null", "[]", "{}", "{\"Data\":null}", "{\"Data\":{\"shard\":42}}", "{\"Data\":{\"shard\":\"{\\\"runId\\\":\\\"nope\\\",\\\"index\\\":0,\\\"kind\\\":\\\"azureSubscriptions\\\",\\\"subscriptions\\\":[\\\"s\\\"]}\"}}",
            "{\"Data\":{\"event\":\"not an event\"}}", "{\"Data\":{\"event\":{\"id\":1}}}", "{\"Data\":{\"req\":\"x\"}}", "{\"Data\":{\"req\":{\"Query\":{\"severity\":[1,2]}}}}",
            new string('{', 5000), "\u0000\u0001", "{\"Data\":{\"req\":{\"Method\":\"POST\",\"Params\":{\"scope\":\"tenant\",\"findingId\":\"x\"},\"Body\":\"{bad\"}}}",
        ];
        var paths = new[]
        {
            "/api/scans", "/api/findings/tenant/x/suppress", "/api/findings/tenant/%23%3F/suppress", "/runtime/webhooks/eventgrid?functionName=ResourceChanged",
            "/runtime/webhooks/eventgrid?functionName=SecretNearExpiry",
        };
        var statuses = new List<(string Path, string Body, HttpStatusCode Status)>();
        foreach (var path in paths)
        {
            foreach (var body in bodies.Concat(Enumerable.Range(0, 10).Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 80)).Select(__ => (char)random.Next(32, 127))))))
            {
                using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
                statuses.Add((path, body, response.StatusCode));
            }
        }

        foreach (var path in new[] { "/api/scans/x", "/api/scans/%00", "/api/scans/" + new string('a', 500), "/api/inventory?subscription=x", "/api/report", "/api/evidence" })
        {
            using var response = await client.GetAsync(path);
            statuses.Add((path, string.Empty, response.StatusCode));
        }

        foreach (var query in new[] { "severity=urgent", "pageSize=x", "status=maybe", "subscription=nope", "unknown=1", "continuationToken=%%%", "rule=' or 1=1" })
        {
            using var response = await client.GetAsync("/api/findings?" + query);
            statuses.Add(("/api/findings", query, response.StatusCode));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var failures = statuses.Where(s => (int)s.Status >= 500).Select(s => $"{s.Path} <- {s.Body[..Math.Min(60, s.Body.Length)]}").ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_local_http_route_rejects_unauthenticated_calls()
    {
        await using var harness = await ScanHarness.StartAsync(azurite);
        var functions = harness.FunctionApp(new ResourceChangeFilter());
        await using var server = await LocalServer.StartAsync(new ServerOptions { Port = 0, ApiKey = Key }, functions, await harness.LauncherAsync());
        using var client = new HttpClient { BaseAddress = server.BaseUri };

        var calls = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, "/api/scans"), (HttpMethod.Get, "/api/scans/x"), (HttpMethod.Get, "/api/findings"),
            (HttpMethod.Post, "/api/findings/tenant/x/suppress"), (HttpMethod.Get, "/api/inventory"), (HttpMethod.Get, "/api/evidence"),
            (HttpMethod.Get, "/api/report"), (HttpMethod.Post, "/runtime/webhooks/eventgrid?functionName=ResourceChanged"), (HttpMethod.Options, "/runtime/webhooks/eventgrid"),
        };
        foreach (var (method, path) in calls)
        {
            foreach (var key in new[] { null, "wrong-key-0123456789" })
            {
                using var request = new HttpRequestMessage(method, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
                if (key is not null)
                {
                    request.Headers.Add("x-functions-key", key);
                }

                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with key '{key}' answered {(int)response.StatusCode}");
            }
        }
    }
}
