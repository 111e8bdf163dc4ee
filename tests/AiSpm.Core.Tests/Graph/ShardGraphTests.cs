using AiSpm.Core.Assets;
using AiSpm.Core.Graph;

namespace AiSpm.Core.Tests.Graph;

/// <summary>
/// What a shard hands its run's close must be what the close would have listed from the tables: the assets outside
/// the tenant scope as a listing without facts holds them, and only the edges of the relations the close reads.
/// </summary>
public sealed class ShardGraphTests
{
    private const string Account = "/subscriptions/0a1b2c3d-0000-4000-8000-00000000e100/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/oai";
    private const string Site = "/subscriptions/0a1b2c3d-0000-4000-8000-00000000e100/resourceGroups/rg/providers/Microsoft.Web/sites/app";

    [Fact]
    public void Tenant_assets_facts_and_other_relations_stay_out_and_each_asset_is_handed_once()
    {
        var account = new Asset
        {
            ResourceId = Account, Type = "microsoft.cognitiveservices/accounts", Name = "oai", Kind = "OpenAI", Location = "swedencentral",
            Tags = new Dictionary<string, string> { ["owner"] = "ai-team" }, PropertiesJson = """{"localAuth":true}""",
        };
        var site = new Asset { ResourceId = Site, Class = AssetClass.KeyConsumer, Type = "microsoft.web/sites", Name = "app" };
        var app = new Asset { ResourceId = GraphEdges.ServicePrincipalNode("p1"), Class = AssetClass.AiApp, Type = "graph/servicePrincipal", Name = "Chat" };
        var consumes = new GraphEdge(Site, EdgeRelations.ConsumesKeyOf, Account, "OPENAI_KEY", "app setting");
        var granted = new GraphEdge(GraphEdges.ServicePrincipalNode("p1"), EdgeRelations.Granted, "graph:/permissions/Mail.Read", "Mail.Read", "grant");

        var part = ShardGraph.Of([account, site, app, site with { Name = "app (renamed)" }], [consumes, granted], new HashSet<string> { EdgeRelations.ConsumesKeyOf });

        Assert.Equal([Account, Site], part.Nodes.Select(n => n.ResourceId));
        var handed = part.Nodes[0];
        Assert.Equal((AssetClass.AiResource, "microsoft.cognitiveservices/accounts", "oai", "OpenAI", "swedencentral"), (handed.Class, handed.Type, handed.Name, handed.Kind, handed.Location));
        Assert.Empty(handed.Tags);
        Assert.Null(handed.PropertiesJson);
        Assert.Equal("app (renamed)", part.Nodes[1].Name);
        Assert.Equal([consumes], part.Edges);
    }
}
