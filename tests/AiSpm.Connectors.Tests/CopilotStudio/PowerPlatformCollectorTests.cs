using System.Security.Cryptography;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.CopilotStudio;
using AiSpm.Core.Rules;
using AiSpm.Core.Secrets;
using AiSpm.Emulator;
using Azure.Core.Pipeline;

namespace AiSpm.Connectors.Tests.CopilotStudio;

/// <summary>
/// The Power Platform collector against the emulator, with the real pipeline: the demo tenant's four environments
/// (one without Dataverse, one where AiSpm has no application user) and the Copilot Studio agents of the other two, read
/// app-only and judged by the agent rules.
/// </summary>
public sealed class PowerPlatformCollectorTests
{
    private const string Hr = "a3f0c2d1-6b7e-4c8d-9e0f-1a2b3c4d5e6f";
    private const string Marketing = "c5f2e4d3-8d9a-4e0f-9a21-3c4d5e6f7081";

    // The planted risks of the demo tenant's Contoso HR and Contoso Marketing environments (fixtures/demo-tenant/README.md, rows 137-153).
    private static readonly (string Rule, string Agent)[] Planted =
    [
        ("AISPM-2040", "Public Careers Bot"), ("AISPM-2040", "Vendor Portal Agent"),
        ("AISPM-2041", "Public Careers Bot"),
        ("AISPM-2042", "IT Requests"),
        ("AISPM-2043", "IT Requests"), ("AISPM-2043", "Brand Voice Bot"),
        ("AISPM-2044", "IT Requests"),
        ("AISPM-2045", "IT Requests"),
        ("AISPM-2046", "IT Requests"),
        ("AISPM-2047", "IT Requests"),
        ("AISPM-2048", "Public Careers Bot"),
        ("AISPM-2049", "Public Careers Bot"),
        ("AISPM-2050", "IT Requests"), ("AISPM-2050", "Vendor Portal Agent"),
        ("AISPM-2051", "Public Careers Bot"), ("AISPM-2051", "Vendor Portal Agent"), ("AISPM-2051", "Brand Voice Bot"),
    ];

    [Fact]
    public async Task Reads_the_agents_app_only_and_the_rules_find_exactly_the_planted_risks()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = DemoTenant() });
        var arm = Connect(emulator);
        using var fingerprinter = new SecretFingerprinter(RandomNumberGenerator.GetBytes(32));
        var collector = new PowerPlatformCollector(arm, new SecretScanner(fingerprinter));

        var inventory = await collector.CollectAsync();

        Assert.Equal(4, inventory.Environments.Count);
        Assert.Equal(7, inventory.Agents.Count);
        Assert.Equal([(Hr, 5), (Marketing, 2)], inventory.Agents.GroupBy(a => a.EnvironmentId).Select(g => (g.Key, g.Count())).Order());
        Assert.All(inventory.Agents, a => Assert.True(a.ComponentsRead));
        // The sandbox's Dataverse refuses AiSpm (no application user): one coverage note naming the setup, not an error.
        var gap = Assert.Single(collector.Errors);
        Assert.Equal((403, "dataverse Contoso Sales Sandbox"), (gap.Status, gap.Scope));
        Assert.Contains("application user", gap.Message, StringComparison.Ordinal);
        Assert.Contains(inventory.NotCollected, n => n.StartsWith("dataverse Contoso Sales Sandbox: 403", StringComparison.Ordinal));
        // One environment list, and the tables of each environment that answers (the refused one stops at bots; only
        // HR's references name a custom connector).
        Assert.Equal(1, emulator.Stats.Routes.GetValueOrDefault("powerplatform:environments"));
        Assert.Equal(2, emulator.Stats.Routes.GetValueOrDefault("dataverse:bots"));
        Assert.Equal(2, emulator.Stats.Routes.GetValueOrDefault("dataverse:botcomponents"));
        Assert.Equal(2, emulator.Stats.Routes.GetValueOrDefault("dataverse:systemusers"));
        Assert.Equal(2, emulator.Stats.Routes.GetValueOrDefault("dataverse:connectionreferences"));
        Assert.Equal(1, emulator.Stats.Routes.GetValueOrDefault("dataverse:connectors"));
        Assert.All(inventory.Agents, a => Assert.True(a.ConnectionsRead));
        var tickets = Assert.Single(inventory.Agents.SelectMany(a => a.Tools), t => t.IsCustomConnector);
        Assert.Equal(("Contoso tickets MCP", "https://mcp.tickets-contoso.example/mcp"), (tickets.Component, tickets.Endpoint?.AbsoluteUri));
        Assert.Equal(1, emulator.Stats.Routes.GetValueOrDefault("dataverse:refused"));

        var failures = RuleCatalog.BuiltIn.Evaluate(new PostureSnapshot { CopilotStudio = inventory, EvaluatedAt = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero) })
            .Where(r => r.Outcome == RuleOutcome.Fail)
            .Select(r => (r.Rule.Id, inventory.Agents.Single(a => a.ResourceId == r.ResourceId).Name))
            .Order().ToList();
        Assert.Equal(Planted.Order().ToList(), failures);
    }

    private static ArmConnection Connect(EmulatorServer emulator)
    {
        var options = new ArmPipelineOptions { Transport = new HttpClientTransport(emulator.CreateRoutingHandler()) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        return new ArmConnection(emulator.Credential, emulator.ArmEndpoint, options: options);
    }

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

        throw new InvalidOperationException("fixtures/demo-tenant not found");
    }
}
