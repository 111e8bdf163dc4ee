using AiSpm.Connectors.Persistence;
using Azure.Data.Tables;
using AiSpm.Connectors.Teams;
using AiSpm.Emulator;
using AiSpm.Emulator.Faults;
using AiSpm.Emulator.Hosting;
using AiSpm.Testing;
using Azure.Core.Pipeline;

namespace AiSpm.Connectors.Tests.Teams;

/// <summary>The Teams webhook poster against the emulator's sink, and the notification ledger on Azurite.</summary>
public sealed class TeamsWebhookClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Message = "{\"type\":\"message\",\"attachments\":[]}";

    private static string DemoTenant()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "fixtures", "demo-tenant");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("fixtures/demo-tenant");
    }

    private static TeamsWebhookClient Client(EmulatorServer emulator, string hook, int maxRetries = 3)
    {
        var options = new TeamsWebhookOptions { Transport = new HttpClientTransport(emulator.CreateHandler()) };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        return new TeamsWebhookClient(emulator.TeamsWebhookUri(hook), options);
    }

    [Fact]
    public async Task Posts_reach_the_sink_and_429_is_retried_after_retry_after()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = DemoTenant() });
        emulator.Faults.Replace([new FaultRule { Service = EmulatorService.Teams, Kind = FaultKind.TooManyRequests, RetryAfterSeconds = 1, MaxCount = 1 }]);
        var started = DateTimeOffset.UtcNow;

        await Client(emulator, "hook-a").PostAsync(Message);

        Assert.Single(emulator.Teams.PostsTo("hook-a"));
        Assert.Equal(1, emulator.Stats.Statuses.GetValueOrDefault(429));
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(0.9), "the retry waited for Retry-After");
    }

    [Fact]
    public async Task A_refusal_throws_without_the_webhook_path_and_an_oversized_message_is_never_sent()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = DemoTenant() });
        emulator.Faults.Replace([new FaultRule { Service = EmulatorService.Teams, Kind = FaultKind.Forbidden }]);
        var client = Client(emulator, "secret-hook-token");

        var refused = await Assert.ThrowsAsync<TeamsDeliveryException>(() => client.PostAsync(Message));
        var oversized = await Assert.ThrowsAsync<ArgumentException>(() => client.PostAsync("{\"text\":\"" + new string('x', TeamsLimits.MaxMessageBytes) + "\"}"));

        Assert.Equal(403, refused.Status);
        Assert.DoesNotContain("secret-hook-token", refused.ToString(), StringComparison.Ordinal);
        Assert.Contains("28672", oversized.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_https_or_loopback_http_webhooks_are_accepted()
    {
        Assert.Throws<ArgumentException>(() => new TeamsWebhookClient(new Uri("http://contoso.example/hook")));
        _ = new TeamsWebhookClient(new Uri("https://contoso.example/hook"));
    }

    [Fact]
    public async Task The_ledger_keeps_the_last_state_sent_per_key_and_channel()
    {
        var table = await azurite.NewTableAsync("notif");
        var ledger = new TableNotificationLedger(table);
        var now = DateTimeOffset.UtcNow;

        await ledger.MarkSentAsync("teams", "0123456789abcdef0123456789abcdef", "open|High|r0", now);
        await ledger.MarkSentAsync("teams", "0123456789abcdef0123456789abcdef", "open|High|r1", now);
        await ledger.MarkSentAsync("teams", "digest", "abc", now);
        await ledger.MarkSentAsync("other", "digest", "xyz", now);
        var sent = await ledger.ReadAsync("teams");

        Assert.Equal(2, sent.Count);
        Assert.Equal("open|High|r1", sent["0123456789abcdef0123456789abcdef"]);
        Assert.Equal("abc", sent["digest"]);
    }
}
