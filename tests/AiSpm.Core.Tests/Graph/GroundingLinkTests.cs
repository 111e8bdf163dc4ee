using System.Text.Json;
using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Tests.Graph;

/// <summary>
/// Connections and datastores as the inventory keeps them — never a credential, whatever a response carries — and
/// the <c>grounded-on</c> edges to the data they read.
/// </summary>
public sealed class GroundingLinkTests
{
    private const string Workspace = "/subscriptions/0a1b2c3d-0000-4000-8000-00000000e200/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw";
    private const string Account = "/subscriptions/0a1b2c3d-0000-4000-8000-00000000e200/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/ais";
    private const string Storage = "/subscriptions/0a1b2c3d-0000-4000-8000-00000000e200/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdocs";

    private static AiInventory Inventory()
    {
        using var document = JsonDocument.Parse("""
            {"value":[
              {"id":"@WORKSPACE/datastores/docs","name":"docs","type":"Microsoft.MachineLearningServices/workspaces/datastores",
               "properties":{"datastoreType":"AzureBlob","accountName":"stdocs","containerName":"policies","endpoint":"core.windows.net","subscriptionId":"0a1b2c3d-0000-4000-8000-00000000e200","resourceGroup":"rg-data",
                 "credentials":{"credentialsType":"AccountKey","secrets":{"secretsType":"AccountKey","key":"c2VjcmV0LWFjY291bnQta2V5LXZhbHVlLW5ldmVyLXN0b3JlZA=="}}}},
              {"id":"@WORKSPACE/datastores/lake","name":"lake","type":"Microsoft.MachineLearningServices/workspaces/datastores",
               "properties":{"datastoreType":"AzureDataLakeGen2","accountName":"stlake","filesystem":"curated","endpoint":"core.windows.net","credentials":{"credentialsType":"None"}}},
              {"id":"@ACCOUNT/connections/search","name":"search","type":"Microsoft.CognitiveServices/accounts/connections",
               "properties":{"category":"CognitiveSearch","target":"https://srch-docs.search.windows.net","authType":"ApiKey","credentials":{"key":"search-admin-key-value-never-stored"},
                 "metadata":{"ResourceId":"/subscriptions/0a1b2c3d-0000-4000-8000-00000000e200/resourceGroups/rg/providers/Microsoft.Search/searchServices/srch-docs"}}},
              {"id":"@ACCOUNT/connections/partner","name":"partner","type":"Microsoft.CognitiveServices/accounts/connections",
               "properties":{"category":"CustomKeys","target":"https://api.partner.example/v1","authType":"CustomKeys","credentials":{"keys":{"x-api-key":"partner-key-never-stored"}}}},
              {"id":"@ACCOUNT/connections/broken","name":"broken","type":"Microsoft.CognitiveServices/accounts/connections","properties":{"category":"AzureBlob"}}
            ]}
            """.Replace("@WORKSPACE", Workspace, StringComparison.Ordinal).Replace("@ACCOUNT", Account, StringComparison.Ordinal));
        return new AiInventoryBuilder().AddDocument(document.RootElement, "test").Build();
    }

    [Fact]
    public void No_credential_a_response_carries_is_kept_only_the_credentials_type()
    {
        var kept = string.Join("\n", Inventory().Resources.Select(r => r.Properties.GetRawText()));

        Assert.DoesNotContain("never-stored", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", kept, StringComparison.Ordinal);
        Assert.Equal("AccountKey", Inventory().Get(Workspace + "/datastores/docs")!.PropertyString("credentials.credentialsType"));
    }

    [Fact]
    public void Datastores_and_connections_are_grounded_on_what_they_read()
    {
        var edges = Inventory().Resources.Select(GroundingLink.Of).OfType<GraphEdge>().ToDictionary(e => e.From[(e.From.LastIndexOf('/') + 1)..]);

        Assert.Equal((Storage, "policies"), (edges["docs"].To, edges["docs"].Label));
        Assert.Contains("credentials AccountKey", edges["docs"].Evidence, StringComparison.Ordinal);
        Assert.Equal(("https://stlake.dfs.core.windows.net", "curated"), (edges["lake"].To, edges["lake"].Label));
        Assert.EndsWith("/searchServices/srch-docs", edges["search"].To, StringComparison.Ordinal);
        Assert.Equal("https://api.partner.example/v1", edges["partner"].To);
        Assert.False(edges.ContainsKey("broken"));
        Assert.All(edges.Values, e => Assert.Equal(EdgeRelations.GroundedOn, e.Relation));
    }

    [Fact]
    public void Residency_areas_group_regions_by_geography_with_the_eu_data_boundary_together()
    {
        Assert.Equal(AzureGeographies.Of("westeurope"), AzureGeographies.Of("Sweden Central"));
        Assert.Equal(AzureGeographies.Of("eastus"), AzureGeographies.Of("eastus2"));
        Assert.NotEqual(AzureGeographies.Of("eastus"), AzureGeographies.Of("swedencentral"));
        Assert.NotEqual(AzureGeographies.Of("uksouth"), AzureGeographies.Of("westeurope"));
        Assert.Null(AzureGeographies.Of("marsnorth"));
        Assert.Null(AzureGeographies.Of(null));
    }
}
