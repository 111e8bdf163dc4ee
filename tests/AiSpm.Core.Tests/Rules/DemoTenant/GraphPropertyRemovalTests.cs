using System.Text.Json;
using System.Text.Json.Nodes;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Tests.Rules.DemoTenant;

/// <summary>
/// Real shapes never abort a scan, on the Graph side too: every Microsoft Graph file of the demo tenant is read with
/// each top-level property of its objects removed in turn (each entry of the owners map), placed as the directory
/// collector places it (a part that cannot be placed is not collected), and the whole catalogue — the attack paths
/// on the graph included — runs on it beside the demo's Azure inventory. Nothing throws and no rule errs.
/// </summary>
public sealed class GraphPropertyRemovalTests
{
    private static readonly Lazy<AiSpm.Core.Inventory.AzureAi.AiInventory> Azure = new(() => CognitiveServicesDemoTenantTests.Load().Azure);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var (file, _) in DemoTenantGraph.Parts)
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_property_removed_in_turn_leaves_a_scan_that_completes(string file)
    {
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(DemoTenantGraph.Root, file)))!.AsObject();
        var items = original["value"] is JsonArray list ? list.OfType<JsonObject>().ToList() : [original];
        var names = items.SelectMany(i => i.Select(p => p.Key)).Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(names);

        var failures = new List<string>();
        foreach (var name in names)
        {
            var changed = original.DeepClone().AsObject();
            foreach (var item in changed["value"] is JsonArray values ? values.OfType<JsonObject>() : [changed])
            {
                item.Remove(name);
            }

            try
            {
                var element = JsonSerializer.SerializeToElement(changed);
                var snapshot = new PostureSnapshot
                {
                    Azure = Azure.Value,
                    Directory = DemoTenantGraph.Load(f => f == file ? element : null),
                    EvaluatedAt = RuleFixtures.EvaluatedAt,
                };
                var results = RuleCatalog.BuiltIn.Evaluate(snapshot);
                var graph = AiSpm.Core.Graph.SecurityGraph.Of(snapshot, results.Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.ToFinding()));
                var failed = results.Concat(RuleCatalog.BuiltIn.Evaluate(snapshot with { Graph = graph }))
                    .Where(r => r.Outcome == RuleOutcome.Error).Select(r => $"{r.Rule.Id}: {r.Message}").Distinct().ToList();
                if (failed.Count > 0)
                {
                    failures.Add($"without {name}: {string.Join("; ", failed.Take(3))}");
                }
            }
            catch (Exception ex)
            {
                failures.Add($"without {name}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{file}: {failures.Count} of {names.Count} variants failed:\n{string.Join('\n', failures)}");
    }
}
