using System.Text.Json;
using AiSpm.Core.Assets;
using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Tests.Graph;

/// <summary>
/// Containment is not stored: the close and the exports read it off the stored assets, so it must be the same edges
/// a scan sees: every child under the parent the scan recorded, a grounding container under its storage account,
/// nothing for top-level resources or for assets that are not Azure AI resources.
/// </summary>
public sealed class ContainmentTests
{
    private const string Rg = "/subscriptions/0a1b2c3d-0000-4000-8000-00000000e100/resourceGroups/rg";
    private const string Account = Rg + "/providers/Microsoft.CognitiveServices/accounts/oai";
    private const string Workspace = Rg + "/providers/Microsoft.MachineLearningServices/workspaces/ml";
    private const string Storage = Rg + "/providers/Microsoft.Storage/storageAccounts/docs";
    private const string Search = Rg + "/providers/Microsoft.Search/searchServices/srch";

    private static AiInventory Inventory()
    {
        using var arm = JsonDocument.Parse($$$"""
            {"value":[
              {"id":"{{{Account}}}","name":"oai","type":"Microsoft.CognitiveServices/accounts","kind":"AIServices","properties":{}},
              {"id":"{{{Account}}}/deployments/gpt","name":"gpt","type":"Microsoft.CognitiveServices/accounts/deployments","properties":{"raiPolicyName":"loose"}},
              {"id":"{{{Account}}}/raiPolicies/loose","name":"loose","type":"Microsoft.CognitiveServices/accounts/raiPolicies","properties":{}},
              {"id":"{{{Account}}}/projects/p1","name":"p1","type":"Microsoft.CognitiveServices/accounts/projects","properties":{}},
              {"id":"{{{Account}}}/projects/p1/connections/c1","name":"c1","type":"Microsoft.CognitiveServices/accounts/projects/connections","properties":{}},
              {"id":"{{{Workspace}}}","name":"ml","type":"Microsoft.MachineLearningServices/workspaces","properties":{}},
              {"id":"{{{Workspace}}}/computes/gpu","name":"gpu","type":"Microsoft.MachineLearningServices/workspaces/computes","properties":{}},
              {"id":"{{{Storage}}}","name":"docs","type":"Microsoft.Storage/storageAccounts","properties":{}},
              {"id":"{{{Storage}}}/blobServices/default/containers/grounding","name":"grounding","type":"Microsoft.Storage/storageAccounts/blobServices/containers","properties":{}},
              {"id":"{{{Search}}}","name":"srch","type":"Microsoft.Search/searchServices","properties":{}},
              {"id":"{{{Search}}}/dataSources/docs-ds","name":"docs-ds","type":"Microsoft.Search/searchServices/dataSources","properties":{}}
            ]}
            """);
        return new AiInventoryBuilder().AddDocument(arm.RootElement, "test").Build();
    }

    [Fact]
    public void Containment_read_off_the_stored_assets_is_the_containment_the_scan_recorded()
    {
        var inventory = Inventory();
        var recorded = GraphEdges.Of(new PostureSnapshot { Azure = inventory, EvaluatedAt = DateTimeOffset.UnixEpoch })
            .Where(e => e.Relation == EdgeRelations.Contains).ToList();

        var derived = GraphEdges.ContainmentOf(InventoryAssets.Of(inventory, withFacts: false)).ToList();

        Assert.Equal(7, recorded.Count);
        Assert.Equal(recorded.OrderBy(e => e.To, StringComparer.Ordinal), derived.OrderBy(e => e.To, StringComparer.Ordinal));
        Assert.Contains(derived, e => e.From == Storage && e.To.EndsWith("/containers/grounding", StringComparison.Ordinal));
        Assert.Contains(derived, e => e.From == Account + "/projects/p1" && e.To.EndsWith("/connections/c1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_store_keeps_every_edge_but_containment()
    {
        var all = GraphEdges.Of(new PostureSnapshot { Azure = Inventory(), EvaluatedAt = DateTimeOffset.UnixEpoch }).ToList();

        var kept = GraphEdges.KeptInStore(all).ToList();

        Assert.Contains(all, e => e.Relation == EdgeRelations.FilteredBy);
        Assert.Equal(all.Where(e => e.Relation != EdgeRelations.Contains), kept);
        Assert.Equal(all.Count - 7, kept.Count);
    }

    [Fact]
    public void Assets_that_are_not_Azure_AI_resources_contain_nothing()
    {
        var assets = new[]
        {
            new Asset { ResourceId = "graph:/servicePrincipals/11111111-1111-1111-1111-111111111111", Class = AssetClass.AiApp, Type = "graph/serviceprincipal", Name = "Chat app" },
            new Asset { ResourceId = Rg + "/providers/Microsoft.Web/sites/app/slots/staging", Class = AssetClass.KeyConsumer, Type = "microsoft.web/sites/slots", Name = "staging" },
            new Asset { ResourceId = Account + "/deployments/unknown-type", Type = "microsoft.contoso/widgets/parts", Name = "part" },
        };

        Assert.Empty(GraphEdges.ContainmentOf(assets));
    }
}
