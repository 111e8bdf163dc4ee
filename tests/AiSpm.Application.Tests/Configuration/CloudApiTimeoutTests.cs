using System.Diagnostics;
using AiSpm.Application.Configuration;
using AiSpm.Cli.Emulation;
using AiSpm.Connectors.Arm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Application.Tests.Configuration;

/// <summary>
/// <c>AISPM_API_TIMEOUT_SECONDS</c> bounds every cloud API call the installation makes: against a tenant that answers
/// after 6 s, a 1 s setting makes Resource Manager retry after 1 s and Graph give up after 4 s, instead of waiting
/// for the answer (the SDKs' default is 100 s).
/// </summary>
public sealed class CloudApiTimeoutTests : IAsyncLifetime
{
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(6);
    private EmulatedTenant _tenant = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _tenant = await EmulatedTenant.StartAsync(FixtureLocator.Resolve("demo-tenant"), Latency);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            [AppSettingNames.ApiTimeoutSeconds] = "1",
        }).Build();
        _services = _tenant.AddTo(new ServiceCollection().AddAiSpm(configuration)).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _tenant.DisposeAsync();
    }

    [Fact]
    public async Task A_resource_manager_attempt_that_gets_no_answer_in_time_is_abandoned_and_retried()
    {
        var arm = _services.GetRequiredService<ArmConnection>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var _ in new ArmRestClient(arm).ListAsync("subscriptions", "2022-12-01", stop.Token))
            {
            }
        });

        // Within 4 s of a 6 s answer: only per-attempt timeouts of 1 s can have sent more than one attempt.
        Assert.True(arm.Calls.Total >= 2, $"attempts: {arm.Calls.Total}");
    }

    [Fact]
    public async Task A_graph_call_gives_up_after_four_times_the_setting()
    {
        var graph = _services.GetRequiredService<Microsoft.Graph.GraphServiceClient>();
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<Exception>(() => graph.Organization.GetAsync());

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3.5), Latency - TimeSpan.FromSeconds(0.5));
    }
}
