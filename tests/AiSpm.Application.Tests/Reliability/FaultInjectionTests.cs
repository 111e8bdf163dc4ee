using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Emulator.Faults;
using AiSpm.Emulator.Hosting;
using AiSpm.Application.Configuration;
using AiSpm.Application.Scanning;
using AiSpm.Testing;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Application.Tests.Reliability;

/// <summary>
/// 5 % injected faults on every cloud call (429 with Retry-After, 503, connection reset, truncated body) and 5 % on
/// every storage call, at the HTTP transport under the storage SDK (503, 500, 429, connection reset): same findings as without.
/// </summary>
public sealed class FaultInjectionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task<List<StoredFinding>> ScanAsync(ScanHarness harness)
    {
        await harness.FullScanAsync();
        return await harness.Findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open)).ToListAsync();
    }

    [Fact]
    public async Task Five_percent_faults_leave_the_finding_set_unchanged()
    {
        await using var clean = await ScanHarness.StartAsync(azurite);
        var expected = await ScanAsync(clean);

        var storageFaults = new StorageFaultHandler(0.05, seed: 7);
        await using var faulty = await ScanHarness.StartAsync(azurite, configure: services =>
            services.AddSingleton(new StorageTransport(options => options.Transport = new HttpClientTransport(storageFaults))));
        var rules = new List<FaultRule>();
        foreach (var service in new[] { EmulatorService.Arm, EmulatorService.ResourceGraph })
        {
            rules.Add(new FaultRule { Service = service, Kind = FaultKind.TooManyRequests, RetryAfterSeconds = 1, Probability = 0.02 });
            rules.Add(new FaultRule { Service = service, Kind = FaultKind.ServiceUnavailable, RetryAfterSeconds = 1, Probability = 0.01 });
            rules.Add(new FaultRule { Service = service, Kind = FaultKind.ConnectionReset, Probability = 0.01 });
            rules.Add(new FaultRule { Service = service, Kind = FaultKind.TruncatedBody, Probability = 0.01 });
        }

        rules.Add(new FaultRule { Service = EmulatorService.Graph, Kind = FaultKind.TooManyRequests, RetryAfterSeconds = 1, Probability = 0.03 });
        rules.Add(new FaultRule { Service = EmulatorService.Graph, Kind = FaultKind.ServiceUnavailable, RetryAfterSeconds = 1, Probability = 0.02 });
        faulty.Tenant.Server.Faults.Replace(rules);
        var actual = await ScanAsync(faulty);
        var faulted = faulty.Tenant.Server.Stats.Statuses.Where(s => s.Key is 429 or 503).Sum(s => s.Value);

        Assert.True(faulted > 0, "no fault was injected; the test proves nothing");
        Assert.True(storageFaults.Injected >= 3, $"only {storageFaults.Injected} storage faults were injected");
        Assert.Equal(actual.Count, actual.Select(f => f.Finding.Key.Id).Distinct().Count());
        Assert.Equal(expected.Select(f => f.Finding.Key.Id).Order(), actual.Select(f => f.Finding.Key.Id).Order());
    }
}
