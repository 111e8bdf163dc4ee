using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Collection;
using AiSpm.Emulator;
using AiSpm.Emulator.Generation;
using Azure.Core.Pipeline;

namespace AiSpm.Connectors.Tests.Collection;

public sealed class ResourceGraphPagingFloorTests
{
    [Fact]
    public async Task Resource_graph_queries_equal_the_paging_floor_on_a_generated_tenant()
    {
        var folder = Directory.CreateTempSubdirectory("aispm-gen-").FullName;
        try
        {
            TenantGenerator.Generate(new TenantGenerationOptions { Seed = 7, Subscriptions = 40, Resources = 9_000, AiAccounts = 2_600, Deployments = 3_000, ServicePrincipals = 50, Applications = 10, Grants = 50, AppRoleAssignments = 10, Secrets = 2 }, folder);
            var options = new EmulatorOptions { FixtureFolder = folder };
            options.Throttling.ArmEnabled = false;
            options.Throttling.ResourceGraphEnabled = false;
            await using var emulator = await EmulatorServer.StartAsync(options);
            var connection = new ArmConnection(emulator.Credential, emulator.ArmEndpoint, options: new ArmPipelineOptions { Transport = new HttpClientTransport(emulator.CreateRoutingHandler()) });
            var collector = new AzureAiCollector(connection, new AzureAiCollectorOptions { SubscriptionsPerQuery = 15, CollectDiagnosticSettings = false, CollectSearchDataPlane = false });
            var subscriptions = await collector.ListSubscriptionsAsync();

            var collection = await collector.CollectAsync(subscriptions);

            var rowsPerBatch = subscriptions.Chunk(15)
                .Select(batch => collection.Inventory.Resources.Count(r => r.ParentId is null && batch.Contains(r.SubscriptionId, StringComparer.OrdinalIgnoreCase)))
                .ToList();
            var floor = rowsPerBatch.Sum(rows => Math.Max(1, (rows + 999) / 1000));
            Assert.Equal(40, subscriptions.Count);
            Assert.True(rowsPerBatch.Max() > 1000, "The test needs a batch larger than one page.");
            Assert.Empty(collection.Errors);
            Assert.Equal(collection.ResourceGraphRows, rowsPerBatch.Sum());
            Assert.Equal(floor, collection.Calls[ApiCallKinds.ResourceGraph]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
